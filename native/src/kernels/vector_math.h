// Branch-free float math for element-wise loops, written once for scalars and once for 8-wide
// GCC vectors (compare-and-select compiles to blends, so loops using these vectorise where a
// libm call per element cannot). Included by the kernels' own translation units only; the
// helpers are always inlined into the target_clones'd loops, so each clone gets its own ISA.
#pragma once

#include <cstdint>

namespace backprop {
namespace vmath {

typedef float float8 __attribute__((vector_size(32)));
typedef float float8_unaligned __attribute__((vector_size(32), aligned(4)));
typedef std::int32_t int8v __attribute__((vector_size(32)));

inline float8 load8(const float* p) { return *reinterpret_cast<const float8_unaligned*>(p); }
inline void store8(float* p, float8 v) { *reinterpret_cast<float8_unaligned*>(p) = v; }

// Scalar / vector conversions that look the same in the templates below.
__attribute__((always_inline)) inline std::int32_t to_int(float v) { return static_cast<std::int32_t>(v); }
__attribute__((always_inline)) inline int8v to_int(float8 v) { return __builtin_convertvector(v, int8v); }
__attribute__((always_inline)) inline float to_float(std::int32_t v) { return static_cast<float>(v); }
__attribute__((always_inline)) inline float8 to_float(int8v v) { return __builtin_convertvector(v, float8); }
__attribute__((always_inline)) inline float bits_to_float(std::int32_t v) { return __builtin_bit_cast(float, v); }
__attribute__((always_inline)) inline float8 bits_to_float(int8v v) { return __builtin_bit_cast(float8, v); }

/**
 * e^x for x ≤ 0 (Cephes expf: x = n·ln2 + r, |r| ≤ ln2/2, e^r by a degree-7 polynomial, then
 * scaled by 2^n built in the exponent bits); about 1 ULP. Below −87, where e^x leaves the
 * normal floats, the result is flushed to 0 (as with flush-to-zero); NaN stays NaN.
 */
template <typename F>
__attribute__((always_inline)) inline F exp_nonpositive(F x_in) {
  // NaN is carried around the arithmetic (converting it to an integer is undefined).
  const F lo = F{} - 87.0f;
  F x = x_in == x_in ? x_in : F{};
  x = x < lo ? lo : x;
  // n = floor(x·log2(e) + ½), done as truncation then a correction (the argument is ≤ ½).
  const F t = x * 1.44269504088896341f + 0.5f;
  F n = to_float(to_int(t));
  n = n > t ? n - 1.0f : n;
  // r = x − n·ln2 in two parts, so that r keeps its low bits.
  const F r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  const F r2 = r * r;
  F p = F{} + 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r2 + r + 1.0f;
  // 2^n from its exponent bits (n ≥ −126 after the clamp).
  const F scale = bits_to_float((to_int(n) + 127) << 23);
  const F result = p * scale;
  const F flushed = x_in < lo ? F{} : result;
  return x_in == x_in ? flushed : x_in;
}

/** σ(x) = 1/(1 + e^−x), from e = e^−|x| ≤ 1 so nothing overflows: x ≥ 0 ? 1/(1+e) : e/(1+e). */
template <typename F>
__attribute__((always_inline)) inline F sigmoid(F x) {
  const F ax = x < 0.0f ? -x : x;
  const F e = exp_nonpositive(-ax);
  const F d = e + 1.0f;
  return x < 0.0f ? e / d : 1.0f / d;
}

}  // namespace vmath
}  // namespace backprop
