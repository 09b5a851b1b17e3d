#include "activations.h"

#include <algorithm>
#include <cmath>

#include "vector_math.h"

namespace backprop {
namespace {

void copy_if_distinct(index_t n, const float* x, float* y) {
  if (x == y) return;
  for (index_t i = 0; i < n; ++i) y[i] = x[i];
}

BACKPROP_VECTORIZE void sigmoid(index_t n, const float* x, float* y) {
  index_t i = 0;
  for (; i + 8 <= n; i += 8) vmath::store8(y + i, vmath::sigmoid(vmath::load8(x + i)));
  for (; i < n; ++i) y[i] = vmath::sigmoid(x[i]);
}

// tanh(x) ≈ x·P(x²)/Q(x²), the [13/6] rational minimax approximation used by Eigen (and
// tract) for float, on x clamped to [−9, 9] (beyond, tanh rounds to ±1 in float). Measured
// against double tanh over 2·10^7 points: ≤ 4e−7 absolute and relative error (a few ULP).
// Written once for scalars and once for 8-wide GCC vectors, whose compare-and-select has no
// branch, so it vectorises where a call to tanhf per element cannot. NaN stays NaN.
template <typename T>
__attribute__((always_inline)) inline T tanh_rational(T v) {
  const T lo = T{} - 9.0f;  // ±9 in the type of v (a scalar, or broadcast to a vector)
  const T hi = T{} + 9.0f;
  v = v < lo ? lo : v;
  v = v > hi ? hi : v;
  const T v2 = v * v;
  const T p = v * ((((((-2.76076847742355e-16f * v2 + 2.00018790482477e-13f) * v2 - 8.60467152213735e-11f) * v2 +
                      5.12229709037114e-08f) * v2 + 1.48572235717979e-05f) * v2 + 6.37261928875436e-04f) * v2 +
                   4.89352455891786e-03f);
  const T q = ((1.19825839466702e-06f * v2 + 1.18534705686654e-04f) * v2 + 2.26843463243900e-03f) * v2 +
              4.89352518554385e-03f;
  // Near saturation the quotient can overshoot 1 by an ULP; tanh' = 1 − y² must not go negative.
  T y = p / q;
  const T one = T{} + 1.0f;
  const T minus_one = T{} - 1.0f;
  y = y > one ? one : y;
  y = y < minus_one ? minus_one : y;
  return y;
}

typedef float float8 __attribute__((vector_size(32)));
typedef float float8_unaligned __attribute__((vector_size(32), aligned(4)));

BACKPROP_VECTORIZE void tanh_forward(index_t n, const float* x, float* y) {
  index_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const float8 v = *reinterpret_cast<const float8_unaligned*>(x + i);
    *reinterpret_cast<float8_unaligned*>(y + i) = tanh_rational(v);
  }
  for (; i < n; ++i) y[i] = tanh_rational(x[i]);
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

// The smooth activations, one element at a time in float (erf, exp and tanh from <cmath>).
constexpr float kSeluScale = 1.0507009873554804934193349852946f;
constexpr float kSeluAlpha = 1.6732632423543772848170429916717f;
constexpr float kInvSqrt2 = 0.70710678118654752440f;
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;
constexpr float kSqrt2OverPi = 0.79788456080286535588f;
constexpr float kGeluTanhC = 0.044715f;
constexpr float kSoftplusThreshold = 20.0f;

inline float sigmoid1(float v) {
  if (v >= 0) return 1.0f / (1.0f + std::exp(-v));
  const float e = std::exp(v);
  return e / (1.0f + e);
}
// log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}), linear above the threshold as in PyTorch.
inline float softplus1(float v) {
  return v > kSoftplusThreshold ? v : std::max(v, 0.0f) + std::log1p(std::exp(-std::fabs(v)));
}

// One element of f and of f'; a template over the kind so that each kernel's loop has no switch.
template <Activation kind>
inline float forward1(float v, float alpha) {
  switch (kind) {
    case Activation::elu: return v > 0 ? v : alpha * std::expm1(v);
    case Activation::selu: return kSeluScale * (v > 0 ? v : kSeluAlpha * std::expm1(v));
    case Activation::gelu: return 0.5f * v * (1.0f + std::erf(v * kInvSqrt2));
    case Activation::gelu_tanh: return 0.5f * v * (1.0f + std::tanh(kSqrt2OverPi * (v + kGeluTanhC * v * v * v)));
    case Activation::softplus: return softplus1(v);
    case Activation::silu: return v * sigmoid1(v);
    case Activation::mish: return v * std::tanh(softplus1(v));
    default: return v;
  }
}

template <Activation kind>
inline float derivative1(float v, float alpha) {
  switch (kind) {
    case Activation::linear: return 1.0f;
    case Activation::sigmoid: {
      const float s = sigmoid1(v);
      return s * (1.0f - s);
    }
    case Activation::tanh: {
      const float t = std::tanh(v);
      return 1.0f - t * t;
    }
    case Activation::relu: return v > 0 ? 1.0f : 0.0f;
    case Activation::leaky_relu: return v > 0 ? 1.0f : alpha;
    case Activation::elu: return v > 0 ? 1.0f : alpha * std::exp(v);
    case Activation::selu: return v > 0 ? kSeluScale : kSeluScale * kSeluAlpha * std::exp(v);
    case Activation::gelu: return 0.5f * (1.0f + std::erf(v * kInvSqrt2)) + v * kInvSqrt2Pi * std::exp(-0.5f * v * v);
    case Activation::gelu_tanh: {
      const float t = std::tanh(kSqrt2OverPi * (v + kGeluTanhC * v * v * v));
      return 0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * kSqrt2OverPi * (1.0f + 3.0f * kGeluTanhC * v * v);
    }
    case Activation::softplus: return v > kSoftplusThreshold ? 1.0f : sigmoid1(v);
    case Activation::silu: {
      const float s = sigmoid1(v);
      return s * (1.0f + v * (1.0f - s));
    }
    case Activation::mish: {
      const float t = std::tanh(softplus1(v));
      return t + v * sigmoid1(v) * (1.0f - t * t);
    }
  }
  return 1.0f;
}

template <Activation kind>
BACKPROP_VECTORIZE void smooth_forward(index_t n, const float* x, float* y, double alpha) {
  const float a = static_cast<float>(alpha);
  for (index_t i = 0; i < n; ++i) y[i] = forward1<kind>(x[i], a);
}

template <Activation kind>
BACKPROP_VECTORIZE void backward_from_input(index_t n, const float* x, const float* dy, float* dx, double alpha) {
  const float a = static_cast<float>(alpha);
  for (index_t i = 0; i < n; ++i) dx[i] = dy[i] * derivative1<kind>(x[i], a);
}

// elu: y = α(eˣ − 1) for x ≤ 0, so f' = αeˣ = y + α; selu likewise with λα₀.
BACKPROP_VECTORIZE void elu_backward(index_t n, const float* y, const float* dy, float* dx, float offset, float positive) {
  for (index_t i = 0; i < n; ++i) dx[i] = y[i] > 0 ? positive * dy[i] : dy[i] * (y[i] + offset);
}

}  // namespace

void activation(Activation kind, index_t n, const float* x, float* y, double alpha) {
  switch (kind) {
    case Activation::linear: return copy_if_distinct(n, x, y);
    case Activation::sigmoid: return sigmoid(n, x, y);
    case Activation::tanh: return tanh_forward(n, x, y);
    case Activation::relu: return relu(n, x, y);
    case Activation::leaky_relu: return leaky_relu(n, x, y, alpha);
    case Activation::elu: return smooth_forward<Activation::elu>(n, x, y, alpha);
    case Activation::selu: return smooth_forward<Activation::selu>(n, x, y, alpha);
    case Activation::gelu: return smooth_forward<Activation::gelu>(n, x, y, alpha);
    case Activation::gelu_tanh: return smooth_forward<Activation::gelu_tanh>(n, x, y, alpha);
    case Activation::softplus: return smooth_forward<Activation::softplus>(n, x, y, alpha);
    case Activation::silu: return smooth_forward<Activation::silu>(n, x, y, alpha);
    case Activation::mish: return smooth_forward<Activation::mish>(n, x, y, alpha);
  }
}

void activation_backward(Activation kind, index_t n, const float* y, const float* dy, float* dx, double alpha) {
  switch (kind) {
    case Activation::linear: return copy_if_distinct(n, dy, dx);
    case Activation::sigmoid: return sigmoid_backward(n, y, dy, dx);
    case Activation::tanh: return tanh_backward(n, y, dy, dx);
    case Activation::relu: return relu_backward(n, y, dy, dx);
    case Activation::leaky_relu: return leaky_relu_backward(n, y, dy, dx, alpha);
    case Activation::elu: return elu_backward(n, y, dy, dx, static_cast<float>(alpha), 1.0f);
    case Activation::selu: return elu_backward(n, y, dy, dx, kSeluScale * kSeluAlpha, kSeluScale);
    default: return;  // no derivative in terms of y: the binding refuses these kinds
  }
}

void activation_backward_from_input(Activation kind, index_t n, const float* x, const float* dy, float* dx, double alpha) {
  switch (kind) {
#define BACKPROP_FROM_INPUT(K) \
  case Activation::K: return backward_from_input<Activation::K>(n, x, dy, dx, alpha);
    BACKPROP_FROM_INPUT(linear)
    BACKPROP_FROM_INPUT(sigmoid)
    BACKPROP_FROM_INPUT(tanh)
    BACKPROP_FROM_INPUT(relu)
    BACKPROP_FROM_INPUT(leaky_relu)
    BACKPROP_FROM_INPUT(elu)
    BACKPROP_FROM_INPUT(selu)
    BACKPROP_FROM_INPUT(gelu)
    BACKPROP_FROM_INPUT(gelu_tanh)
    BACKPROP_FROM_INPUT(softplus)
    BACKPROP_FROM_INPUT(silu)
    BACKPROP_FROM_INPUT(mish)
#undef BACKPROP_FROM_INPUT
  }
}

}  // namespace backprop
