// Element-wise BLAS-1 style kernels (enough for LSTM/GRU gates and gradient norms).
#pragma once

#include "types.h"

namespace backprop {

/** out = a + b; out may equal a or b. */
void add(index_t n, const float* a, const float* b, float* out);
/** out = a − b; out may equal a or b. */
void sub(index_t n, const float* a, const float* b, float* out);
/** out = a ∘ b (Hadamard); out may equal a or b. */
void mul(index_t n, const float* a, const float* b, float* out);
/** c += a ∘ b; c must not overlap a or b. */
void mul_add(index_t n, const float* a, const float* b, float* c);
/** y += alpha·x; y may equal x. */
void axpy(index_t n, double alpha, const float* x, float* y);
/** x *= alpha. */
void scale(index_t n, double alpha, float* x);
/** Σ x², accumulated in double. */
double sum_squares(index_t n, const float* x);
/**
 * L1 regularisation's subgradient added to a gradient: g += λ·sign(w), the gradient of λ·Σ|w|,
 * with sign(±0) = sign(NaN) = 0. g may equal w.
 */
void l1_gradient(index_t n, double lambda, const float* w, float* g);

}  // namespace backprop
