// Direct convolution, for layers whose receptive field is small (few channels, small kernels),
// where im2col + GEMM spends most of its time copying patches. Same geometry as im2col
// (window.h); x is NCHW rows·channels·height·width, the kernel `weights` / `dw` is
// filters·channels·kernelH·kernelW and y / dy is rows·filters·outH·outW.
//
//   y[r, o, oh, ow] = Σ_{c,i,j} w[o, c, i, j] · x[r, c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW]
//   dw[o, c, i, j] ← beta·dw[o, c, i, j] + alpha·Σ_{r,oh,ow} dy[r, o, oh, ow] · x[r, c, (same pixel)]
//
// with x = 0 in the padding. Both are deterministic: every output element is written by one
// thread, its terms summed in a fixed order, so the result does not depend on the thread count.
#pragma once

#include "types.h"
#include "window.h"

namespace backprop {

/** y = conv2d(x, w) for `rows` images (overwritten, no bias); y must not overlap x or w. */
void conv2d(index_t rows, index_t filters, const Window2d& g, const float* x, const float* w, float* y);

/**
 * dw ← beta·dw + alpha·∂⟨dy, conv2d(x, w)⟩/∂w. beta = 0 overwrites dw (old contents, even NaN,
 * ignored); rows = 0 leaves beta·dw. dw must not overlap x or dy.
 */
void conv2d_weight_grad(index_t rows, index_t filters, const Window2d& g, const float* x, const float* dy, double alpha,
                        double beta, float* dw);

}  // namespace backprop
