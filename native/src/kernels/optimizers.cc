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

// The flags select one of four loops, each free of branches so that it vectorises.
BACKPROP_VECTORIZE void rmsprop_step(index_t n, float* weights, const float* grads, float* square_avg, float* grad_avg,
                                     float* momentum_buffer, double lr, double alpha, double eps, double weight_decay,
                                     double momentum, bool centered) {
  const bool use_momentum = momentum > 0 && momentum_buffer != nullptr;
  if (centered && grad_avg != nullptr) {
    if (use_momentum) {
      for (index_t i = 0; i < n; ++i) {
        const double w = weights[i];
        const double g = grads[i] + weight_decay * w;
        const double s = alpha * square_avg[i] + (1 - alpha) * g * g;
        const double a = alpha * grad_avg[i] + (1 - alpha) * g;
        square_avg[i] = static_cast<float>(s);
        grad_avg[i] = static_cast<float>(a);
        const double b = momentum * momentum_buffer[i] + g / (std::sqrt(s - a * a) + eps);
        momentum_buffer[i] = static_cast<float>(b);
        weights[i] = static_cast<float>(w - lr * b);
      }
    } else {
      for (index_t i = 0; i < n; ++i) {
        const double w = weights[i];
        const double g = grads[i] + weight_decay * w;
        const double s = alpha * square_avg[i] + (1 - alpha) * g * g;
        const double a = alpha * grad_avg[i] + (1 - alpha) * g;
        square_avg[i] = static_cast<float>(s);
        grad_avg[i] = static_cast<float>(a);
        weights[i] = static_cast<float>(w - lr * g / (std::sqrt(s - a * a) + eps));
      }
    }
  } else if (use_momentum) {
    for (index_t i = 0; i < n; ++i) {
      const double w = weights[i];
      const double g = grads[i] + weight_decay * w;
      const double s = alpha * square_avg[i] + (1 - alpha) * g * g;
      square_avg[i] = static_cast<float>(s);
      const double b = momentum * momentum_buffer[i] + g / (std::sqrt(s) + eps);
      momentum_buffer[i] = static_cast<float>(b);
      weights[i] = static_cast<float>(w - lr * b);
    }
  } else {
    for (index_t i = 0; i < n; ++i) {
      const double w = weights[i];
      const double g = grads[i] + weight_decay * w;
      const double s = alpha * square_avg[i] + (1 - alpha) * g * g;
      square_avg[i] = static_cast<float>(s);
      weights[i] = static_cast<float>(w - lr * g / (std::sqrt(s) + eps));
    }
  }
}

BACKPROP_VECTORIZE void adagrad_step(index_t n, float* weights, const float* grads, float* sum, double lr, double lr_decay,
                                     double eps, double weight_decay, double step) {
  const double clr = lr / (1 + (step - 1) * lr_decay);
  for (index_t i = 0; i < n; ++i) {
    const double w = weights[i];
    const double g = grads[i] + weight_decay * w;
    const double s = sum[i] + g * g;
    sum[i] = static_cast<float>(s);
    weights[i] = static_cast<float>(w - clr * g / (std::sqrt(s) + eps));
  }
}

BACKPROP_VECTORIZE void adamax_step(index_t n, float* weights, const float* grads, float* m, float* u, double lr,
                                    double beta1, double beta2, double eps, double weight_decay, double step) {
  const double clr = lr / (1 - std::pow(beta1, step));
  for (index_t i = 0; i < n; ++i) {
    const double w = weights[i];
    const double g = grads[i] + weight_decay * w;
    const double mi = beta1 * m[i] + (1 - beta1) * g;
    const double a = beta2 * u[i];
    const double b = std::fabs(g) + eps;
    // max that propagates a NaN of either side, as torch.amax does.
    const double ui = (a > b || a != a) ? a : b;
    m[i] = static_cast<float>(mi);
    u[i] = static_cast<float>(ui);
    weights[i] = static_cast<float>(w - clr * mi / ui);
  }
}

BACKPROP_VECTORIZE void nadam_step(index_t n, float* weights, const float* grads, float* m, float* v, double lr,
                                   double beta1, double beta2, double eps, double weight_decay, double momentum_decay,
                                   double mu_product, double step) {
  const double mu = beta1 * (1 - 0.5 * std::pow(0.96, step * momentum_decay));
  const double mu_next = beta1 * (1 - 0.5 * std::pow(0.96, (step + 1) * momentum_decay));
  const double cg = lr * (1 - mu) / (1 - mu_product);
  const double cm = lr * mu_next / (1 - mu_product * mu_next);
  const double c2 = 1 - std::pow(beta2, step);
  for (index_t i = 0; i < n; ++i) {
    const double w = weights[i];
    const double g = grads[i] + weight_decay * w;
    const double mi = beta1 * m[i] + (1 - beta1) * g;
    const double vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = static_cast<float>(mi);
    v[i] = static_cast<float>(vi);
    const double d = std::sqrt(vi / c2) + eps;
    weights[i] = static_cast<float>(w - cg * g / d - cm * mi / d);
  }
}

}  // namespace backprop
