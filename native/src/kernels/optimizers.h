// Fused optimizer steps (PyTorch semantics), arithmetic in double, state stored as float.
#pragma once

#include "types.h"

namespace backprop {

/**
 * SGD: g ← grad + wd·w; if momentum > 0 { v ← μ·v + g; g ← nesterov ? g + μ·v : v }; w ← w − lr·g.
 * velocity may be null only when momentum is 0. grads is read only.
 */
void sgd_step(index_t n, float* weights, const float* grads, float* velocity, double lr, double momentum, bool nesterov,
              double weight_decay);

/**
 * Adam / AdamW with bias correction at 1-based step t:
 *   decoupled: w ← w − lr·wd·w, else g ← g + wd·w
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε)
 */
void adam_step(index_t n, float* weights, const float* grads, float* m, float* v, double lr, double beta1, double beta2,
               double eps, double weight_decay, bool decoupled, double step);

/**
 * RMSprop (torch.optim.RMSprop): g ← grad + wd·w;  s ← α·s + (1−α)·g²;
 *   centered: ḡ ← α·ḡ + (1−α)·g, d ← √(s − ḡ²) + ε;  else d ← √s + ε
 *   momentum > 0: b ← μ·b + g/d, w ← w − lr·b;  else w ← w − lr·g/d
 * grad_avg may be null unless centered, momentum_buffer unless momentum > 0.
 */
void rmsprop_step(index_t n, float* weights, const float* grads, float* square_avg, float* grad_avg, float* momentum_buffer,
                  double lr, double alpha, double eps, double weight_decay, double momentum, bool centered);

/** Adagrad at 1-based step t: g ← grad + wd·w;  s ← s + g²;  w ← w − lr/(1 + (t−1)·lr_decay)·g/(√s + ε). */
void adagrad_step(index_t n, float* weights, const float* grads, float* sum, double lr, double lr_decay, double eps,
                  double weight_decay, double step);

/** Adamax at 1-based step t: g ← grad + wd·w;  m ← β1·m + (1−β1)·g;  u ← max(β2·u, |g| + ε);  w ← w − lr/(1−β1^t)·m/u. */
void adamax_step(index_t n, float* weights, const float* grads, float* m, float* u, double lr, double beta1, double beta2,
                 double eps, double weight_decay, double step);

/**
 * NAdam at 1-based step t, μ_t = β1·(1 − ½·0.96^(t·ψ)), mu_product = Π_{i≤t} μ_i:
 *   g ← grad + wd·w;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  d ← √(v/(1−β2^t)) + ε
 *   w ← w − lr·(1−μ_t)/(1−mu_product)·g/d − lr·μ_{t+1}/(1−mu_product·μ_{t+1})·m/d
 */
void nadam_step(index_t n, float* weights, const float* grads, float* m, float* v, double lr, double beta1, double beta2,
                double eps, double weight_decay, double momentum_decay, double mu_product, double step);

}  // namespace backprop
