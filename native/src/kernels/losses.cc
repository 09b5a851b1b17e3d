#include "losses.h"

#include <cmath>

namespace backprop {

double softmax_cross_entropy(index_t rows, index_t cols, const float* logits, const float* targets, double grad_scale,
                             float* grad) {
  double loss = 0;
  for (index_t i = 0; i < rows; ++i) {
    const float* z = logits + i * cols;
    const float* t = targets + i * cols;
    float* g = grad + i * cols;
    double max = -INFINITY;
    for (index_t j = 0; j < cols; ++j) max = z[j] > max ? z[j] : max;
    double sum = 0;
    for (index_t j = 0; j < cols; ++j) sum += std::exp(z[j] - max);
    // log Σ e^{z} = max + log Σ e^{z − max}; then log p_j = z_j − logΣ.
    const double log_sum = std::log(sum) + max;
    for (index_t j = 0; j < cols; ++j) {
      const double zj = z[j];
      const double tj = t[j];
      if (tj != 0) loss -= tj * (zj - log_sum);
      g[j] = static_cast<float>(grad_scale * (std::exp(zj - log_sum) - tj));
    }
  }
  return loss;
}

BACKPROP_VECTORIZE double mse(index_t n, const float* pred, const float* target, double grad_scale, float* grad) {
  const double s = 2 * grad_scale;
  double loss = 0;
  for (index_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(pred[i]) - target[i];
    loss += d * d;
    grad[i] = static_cast<float>(s * d);
  }
  return loss;
}

double l1_loss(index_t n, const float* pred, const float* target, double grad_scale, float* grad) {
  double loss = 0;
  const float s = static_cast<float>(grad_scale);
  for (index_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(pred[i]) - target[i];
    loss += d < 0 ? -d : d;
    grad[i] = d > 0 ? s : d < 0 ? -s : 0.0f;
  }
  return loss;
}

double huber(index_t n, const float* pred, const float* target, double delta, double grad_scale, float* grad) {
  double loss = 0;
  for (index_t i = 0; i < n; ++i) {
    const double d = static_cast<double>(pred[i]) - target[i];
    const double a = d < 0 ? -d : d;
    if (a < delta) {
      loss += 0.5 * d * d;
      grad[i] = static_cast<float>(grad_scale * d);
    } else {
      loss += delta * (a - 0.5 * delta);
      grad[i] = static_cast<float>(grad_scale * (d > 0 ? delta : -delta));
    }
  }
  return loss;
}

double multi_margin(index_t rows, index_t cols, const float* logits, const float* targets, double margin,
                    double grad_scale, float* grad) {
  double loss = 0;
  const double g = grad_scale / static_cast<double>(cols);
  for (index_t i = 0; i < rows; ++i) {
    const float* z = logits + i * cols;
    const float* t = targets + i * cols;
    float* out = grad + i * cols;
    index_t y = 0;
    for (index_t j = 1; j < cols; ++j) {
      if (t[j] > t[y]) y = j;
    }
    const double zy = z[y];
    double row = 0;
    index_t active = 0;
    // Every logit of the row is read before grad (which may be the logits) is written.
    for (index_t j = 0; j < cols; ++j) {
      const double m = j == y ? 0 : margin - zy + z[j];
      if (m > 0) {
        row += m;
        ++active;
      }
    }
    for (index_t j = 0; j < cols; ++j) {
      if (j != y) out[j] = margin - zy + z[j] > 0 ? static_cast<float>(g) : 0.0f;
    }
    out[y] = static_cast<float>(-g * static_cast<double>(active));
    loss += row / static_cast<double>(cols);
  }
  return loss;
}

double sigmoid_binary_cross_entropy(index_t n, const float* logits, const float* targets, double grad_scale,
                                    float* grad) {
  double loss = 0;
  for (index_t i = 0; i < n; ++i) {
    const double z = logits[i];
    const double t = targets[i];
    const double e = std::exp(-std::fabs(z));  // e^{−|z|} ≤ 1: never overflows
    loss += (z > 0 ? z : 0) - z * t + std::log1p(e);
    // σ(z) = 1/(1+e^{−z}) for z ≥ 0, e^{z}/(1+e^{z}) for z < 0, both from e^{−|z|}.
    const double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    grad[i] = static_cast<float>(grad_scale * (p - t));
  }
  return loss;
}

}  // namespace backprop
