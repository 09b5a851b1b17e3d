#include "elementwise.h"

namespace backprop {

// Sums and products of two floats are exact in double, so rounding the double result
// once gives the correctly rounded float (the same value the TS backend stores).

BACKPROP_VECTORIZE void add(index_t n, const float* a, const float* b, float* out) {
  for (index_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

BACKPROP_VECTORIZE void sub(index_t n, const float* a, const float* b, float* out) {
  for (index_t i = 0; i < n; ++i) out[i] = a[i] - b[i];
}

BACKPROP_VECTORIZE void mul(index_t n, const float* a, const float* b, float* out) {
  for (index_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
}

BACKPROP_VECTORIZE void mul_add(index_t n, const float* __restrict a, const float* __restrict b, float* __restrict c) {
  for (index_t i = 0; i < n; ++i) c[i] = static_cast<float>(static_cast<double>(c[i]) + static_cast<double>(a[i]) * b[i]);
}

BACKPROP_VECTORIZE void axpy(index_t n, double alpha, const float* x, float* y) {
  for (index_t i = 0; i < n; ++i) y[i] = static_cast<float>(y[i] + alpha * x[i]);
}

BACKPROP_VECTORIZE void scale(index_t n, double alpha, float* x) {
  for (index_t i = 0; i < n; ++i) x[i] = static_cast<float>(alpha * x[i]);
}

BACKPROP_VECTORIZE double sum_squares(index_t n, const float* x) {
  // Four independent partial sums: a shorter dependency chain, and the order stays fixed
  // (no -ffast-math), so the result is deterministic.
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  index_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
    s0 += x0 * x0;
    s1 += x1 * x1;
    s2 += x2 * x2;
    s3 += x3 * x3;
  }
  for (; i < n; ++i) s0 += static_cast<double>(x[i]) * x[i];
  return (s0 + s1) + (s2 + s3);
}

BACKPROP_VECTORIZE void l1_gradient(index_t n, double lambda, const float* w, float* g) {
  // ∂(λ·Σ|w|)/∂w = λ·sign(w); comparisons give the subgradient 0 at w = ±0 (and for NaN)
  // branch-free. λ·sign(w) is exact in double, so one rounding of g + λ·sign(w) to float
  // matches the TS backend bit for bit.
  for (index_t i = 0; i < n; ++i) {
    const float wi = w[i];
    const double sign = static_cast<double>((wi > 0.0f) - (wi < 0.0f));
    g[i] = static_cast<float>(g[i] + lambda * sign);
  }
}

}  // namespace backprop
