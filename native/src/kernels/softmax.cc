#include "softmax.h"

#include <cmath>

namespace backprop {

void softmax(index_t rows, index_t cols, const float* x, float* y) {
  for (index_t i = 0; i < rows; ++i) {
    const float* xi = x + i * cols;
    float* yi = y + i * cols;
    // Shifting by the row maximum keeps every exponent ≤ 0: no overflow, same result.
    float max = -INFINITY;
    for (index_t j = 0; j < cols; ++j) max = xi[j] > max ? xi[j] : max;
    double sum = 0;
    for (index_t j = 0; j < cols; ++j) {
      const float e = std::exp(xi[j] - max);
      yi[j] = e;
      sum += e;
    }
    const double inv = 1.0 / sum;
    for (index_t j = 0; j < cols; ++j) yi[j] = static_cast<float>(yi[j] * inv);
  }
}

void softmax_backward(index_t rows, index_t cols, const float* y, const float* dy, float* dx) {
  for (index_t i = 0; i < rows; ++i) {
    const float* yi = y + i * cols;
    const float* dyi = dy + i * cols;
    float* dxi = dx + i * cols;
    double dot = 0;
    for (index_t j = 0; j < cols; ++j) dot += static_cast<double>(dyi[j]) * yi[j];
    for (index_t j = 0; j < cols; ++j) dxi[j] = static_cast<float>(yi[j] * (dyi[j] - dot));
  }
}

}  // namespace backprop
