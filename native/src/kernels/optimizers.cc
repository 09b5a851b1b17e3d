#include "optimizers.h"

#include <cmath>

namespace backprop {

BACKPROP_VECTORIZE void sgd_step(index_t n, float* weights, const float* grads, float* velocity, double lr,
                                 double momentum, bool nesterov, double weight_decay) {
  if (momentum > 0 && velocity != nullptr) {
    for (index_t i = 0; i < n; ++i) {
      const double g = grads[i] + weight_decay * weights[i];
      const double v = momentum * velocity[i] + g;
      velocity[i] = static_cast<float>(v);
      const double step = nesterov ? g + momentum * v : v;
      weights[i] = static_cast<float>(weights[i] - lr * step);
    }
  } else {
    for (index_t i = 0; i < n; ++i) {
      const double g = grads[i] + weight_decay * weights[i];
      weights[i] = static_cast<float>(weights[i] - lr * g);
    }
  }
}

BACKPROP_VECTORIZE void adam_step(index_t n, float* weights, const float* grads, float* m, float* v, double lr, double beta1, double beta2,
               double eps, double weight_decay, bool decoupled, double step) {
  const double c1 = 1 - std::pow(beta1, step);
  const double c2 = 1 - std::pow(beta2, step);
  for (index_t i = 0; i < n; ++i) {
    double w = weights[i];
    double g = grads[i];
    if (decoupled) {
      w -= lr * weight_decay * w;
    } else {
      g += weight_decay * w;
    }
    const double mi = beta1 * m[i] + (1 - beta1) * g;
    const double vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = static_cast<float>(mi);
    v[i] = static_cast<float>(vi);
    weights[i] = static_cast<float>(w - (lr * (mi / c1)) / (std::sqrt(vi / c2) + eps));
  }
}

}  // namespace backprop
