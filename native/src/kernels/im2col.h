// Convolution as one GEMM: im2col gathers every output position's receptive field into a row,
// col2im is its adjoint, and transpose_batch turns the GEMM's result into NCHW images (and back).
//
// cols is (rows·outH·outW) × (channels·kernelH·kernelW) ("patches" layout): row r·outH·outW + p for
// p = oh·outW + ow, column (c·kernelH + i)·kernelW + j holds
//   x[r, c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW]
// or 0 where that pixel is padding. The column order is a flattened [outC, inC, kH, kW] kernel's,
// so a convolution's output is Zᵀ = cols·Wᵀ, its input gradient col2im(dZᵀ·W) and its kernel
// gradient dZ·cols. col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩.
#pragma once

#include "types.h"
#include "window.h"

namespace backprop {

/** cols = im2col(x) for `rows` images of window g (output size included); cols must not overlap x. */
void im2col(index_t rows, const Window2d& g, const float* x, float* cols);

/**
 * dx ← beta·dx, then each entry of cols is added to the pixel im2col read it from (entries from the
 * padding are dropped). beta = 0 overwrites dx (old contents, even NaN, ignored). dx must not overlap cols.
 */
void col2im(index_t rows, const Window2d& g, const float* cols, double beta, float* dx);

/**
 * y[b, j, i, k] = x[b, i, j, k] for k < inner: transposes `batch` consecutive r×c matrices whose
 * elements are blocks of `inner` contiguous values (x is batch×r×c×inner, y batch×c×r×inner;
 * inner = 1 is the plain transpose). y must not overlap x.
 */
void transpose_batch(index_t batch, index_t r, index_t c, index_t inner, const float* x, float* y);

}  // namespace backprop
