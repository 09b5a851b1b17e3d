// The per-channel arithmetic of batch and layer normalisation. x is read as rows × channels ×
// spatial: channel c's N = rows·spatial values are x[(r·channels + c)·spatial + s] (spatial = H·W
// after a convolution, 1 after a dense layer; layer normalisation reads its rows × cols input as
// 1 × rows × cols). Sums are accumulated in double, results stored as float. With N = 0 the sums
// are 0 and the moments 0/0 = NaN.
#pragma once

#include "types.h"

namespace backprop {

/**
 * Two passes in double: mean[c] = (1/N) Σ x,  variance[c] = (1/N) Σ (x − mean[c])² (biased).
 * mean and variance must not overlap x or each other.
 */
void channel_moments(index_t rows, index_t channels, index_t spatial, const float* x, float* mean, float* variance);

/** y = x·scale[c] + shift[c] for each value of channel c; y may equal x. */
void channel_affine(index_t rows, index_t channels, index_t spatial, const float* x, const float* scale,
                    const float* shift, float* y);

/** sum_a[c] = Σ a,  sum_ab[c] = Σ a·b over channel c's values (∂L/∂β and ∂L/∂γ with a = dy, b = x̂). */
void channel_sums(index_t rows, index_t channels, index_t spatial, const float* a, const float* b, float* sum_a,
                  float* sum_ab);

/**
 * The input gradient of x̂ = (x − μ)·s⁻¹ over each channel's N values, given g = ∂L/∂x̂ and its sums:
 *   dx = scale[c]·(g − (sum_g[c] + x̂·sum_gxhat[c]) / N)
 * (scale = 1/s, times γ when g is ∂L/∂y of y = γ·x̂ + β). dx may equal g.
 */
void normalize_backward(index_t rows, index_t channels, index_t spatial, const float* xhat, const float* g,
                        const float* scale, const float* sum_g, const float* sum_gxhat, float* dx);

}  // namespace backprop
