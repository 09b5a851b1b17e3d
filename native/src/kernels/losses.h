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

/** Σ |p − t|; grad = grad_scale·sign(p − t), sign(0) = 0. grad may equal pred. */
double l1_loss(index_t n, const float* pred, const float* target, double grad_scale, float* grad);

/** Σ h(p − t), h(d) = |d| < δ ? ½d² : δ(|d| − ½δ); grad = grad_scale·clamp(d, −δ, δ). grad may equal pred. */
double huber(index_t n, const float* pred, const float* target, double delta, double grad_scale, float* grad);

/**
 * Σ_i (1/cols) Σ_{j≠y_i} max(0, margin − z_{i,y_i} + z_ij), y_i the index of row i's largest
 * target (MultiMarginLoss, p = 1); grad = grad_scale·∂/∂z. grad may equal logits.
 */
double multi_margin(index_t rows, index_t cols, const float* logits, const float* targets, double margin,
                    double grad_scale, float* grad);

/**
 * Sigmoid + binary cross-entropy from logits, stable form:
 * returns Σ [max(z,0) − z·t + log(1 + e^{−|z|})] and writes grad = gradScale·(σ(z) − t).
 * grad may equal logits.
 */
double sigmoid_binary_cross_entropy(index_t n, const float* logits, const float* targets, double grad_scale,
                                    float* grad);

}  // namespace backprop
