// Row-wise softmax and its Jacobian-vector product.
#pragma once

#include "types.h"

namespace backprop {

/** y[i,:] = softmax(x[i,:]) = e^{x − max} / Σ e^{x − max}; y may equal x. */
void softmax(index_t rows, index_t cols, const float* x, float* y);

/** dx[i,:] = y[i,:] ∘ (dy[i,:] − ⟨dy[i,:], y[i,:]⟩); dx may equal dy. */
void softmax_backward(index_t rows, index_t cols, const float* y, const float* dy, float* dx);

}  // namespace backprop
