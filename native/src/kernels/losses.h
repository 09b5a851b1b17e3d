// Fused losses: the value (a sum, accumulated in double; the caller averages) and the
// gradient in one pass.
#pragma once

#include "types.h"

namespace backprop {

/**
 * Softmax + cross-entropy from logits z: returns Σ_i −Σ_j t[i,j]·(z[i,j] − logΣ_j e^{z[i,j]})
 * and writes grad = gradScale·(softmax(z) − t). grad may equal logits.
 */
double softmax_cross_entropy(index_t rows, index_t cols, const float* logits, const float* targets, double grad_scale,
                             float* grad);

/** Squared error: returns Σ (p − t)² and writes grad = gradScale·2·(p − t). grad may equal pred. */
double mse(index_t n, const float* pred, const float* target, double grad_scale, float* grad);

/**
 * Sigmoid + binary cross-entropy from logits, stable form:
 * returns Σ [max(z,0) − z·t + log(1 + e^{−|z|})] and writes grad = gradScale·(σ(z) − t).
 * grad may equal logits.
 */
double sigmoid_binary_cross_entropy(index_t n, const float* logits, const float* targets, double grad_scale,
                                    float* grad);

}  // namespace backprop
