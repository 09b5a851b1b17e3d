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

}  // namespace backprop
