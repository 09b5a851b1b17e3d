#include "activations.h"

#include <cmath>

namespace backprop {
namespace {

void copy_if_distinct(index_t n, const float* x, float* y) {
  if (x == y) return;
  for (index_t i = 0; i < n; ++i) y[i] = x[i];
}

void sigmoid(index_t n, const float* x, float* y) {
  // σ(x) = 1 / (1 + e^{−x}); for x < 0 written as e^{x} / (1 + e^{x}) so e^{−x} never overflows.
  for (index_t i = 0; i < n; ++i) {
    const float v = x[i];
    if (v >= 0) {
      y[i] = 1.0f / (1.0f + std::exp(-v));
    } else {
      const float e = std::exp(v);
      y[i] = e / (1.0f + e);
    }
  }
}

void tanh_forward(index_t n, const float* x, float* y) {
  for (index_t i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}

BACKPROP_VECTORIZE void relu(index_t n, const float* x, float* y) {
  for (index_t i = 0; i < n; ++i) y[i] = x[i] > 0 ? x[i] : 0.0f;
}

BACKPROP_VECTORIZE void leaky_relu(index_t n, const float* x, float* y, double alpha) {
  for (index_t i = 0; i < n; ++i) y[i] = x[i] > 0 ? x[i] : static_cast<float>(alpha * x[i]);
}

BACKPROP_VECTORIZE void sigmoid_backward(index_t n, const float* y, const float* dy, float* dx) {
  for (index_t i = 0; i < n; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
}

BACKPROP_VECTORIZE void tanh_backward(index_t n, const float* y, const float* dy, float* dx) {
  for (index_t i = 0; i < n; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}

BACKPROP_VECTORIZE void relu_backward(index_t n, const float* y, const float* dy, float* dx) {
  for (index_t i = 0; i < n; ++i) dx[i] = y[i] > 0 ? dy[i] : 0.0f;
}

BACKPROP_VECTORIZE void leaky_relu_backward(index_t n, const float* y, const float* dy, float* dx, double alpha) {
  for (index_t i = 0; i < n; ++i) dx[i] = y[i] > 0 ? dy[i] : static_cast<float>(alpha * dy[i]);
}

}  // namespace

void activation(Activation kind, index_t n, const float* x, float* y, double alpha) {
  switch (kind) {
    case Activation::linear: return copy_if_distinct(n, x, y);
    case Activation::sigmoid: return sigmoid(n, x, y);
    case Activation::tanh: return tanh_forward(n, x, y);
    case Activation::relu: return relu(n, x, y);
    case Activation::leaky_relu: return leaky_relu(n, x, y, alpha);
  }
}

void activation_backward(Activation kind, index_t n, const float* y, const float* dy, float* dx, double alpha) {
  switch (kind) {
    case Activation::linear: return copy_if_distinct(n, dy, dx);
    case Activation::sigmoid: return sigmoid_backward(n, y, dy, dx);
    case Activation::tanh: return tanh_backward(n, y, dy, dx);
    case Activation::relu: return relu_backward(n, y, dy, dx);
    case Activation::leaky_relu: return leaky_relu_backward(n, y, dy, dx, alpha);
  }
}

}  // namespace backprop
