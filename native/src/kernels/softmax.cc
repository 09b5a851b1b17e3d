#include "softmax.h"

#include <cmath>

#include "vector_math.h"

namespace backprop {
namespace {

// y[j] = e^{x[j] − max} (every exponent ≤ 0), vectorised; y may equal x.
BACKPROP_VECTORIZE void exp_shifted(index_t n, const float* x, float max, float* y) {
  index_t j = 0;
  for (; j + 8 <= n; j += 8) vmath::store8(y + j, vmath::exp_nonpositive(vmath::load8(x + j) - max));
  for (; j < n; ++j) y[j] = vmath::exp_nonpositive(x[j] - max);
}

}  // namespace

void softmax(index_t rows, index_t cols, const float* x, float* y) {
  for (index_t i = 0; i < rows; ++i) {
    const float* xi = x + i * cols;
    float* yi = y + i * cols;
    // Shifting by the row maximum keeps every exponent ≤ 0: no overflow, same result.
    float max = -INFINITY;
    for (index_t j = 0; j < cols; ++j) max = xi[j] > max ? xi[j] : max;
    exp_shifted(cols, xi, max, yi);
    double sum = 0;
    for (index_t j = 0; j < cols; ++j) sum += yi[j];
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
