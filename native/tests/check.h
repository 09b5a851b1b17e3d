// A minimal test harness for the kernel tests (no framework to download): CHECK records a
// failure with its location and keeps going; main returns the failure count via finish().
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace backprop_test {

inline int& failures() {
  static int count = 0;
  return count;
}

#define CHECK(cond, ...)                                          \
  do {                                                            \
    if (!(cond)) {                                                \
      ++::backprop_test::failures();                              \
      std::fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                          \
      std::fprintf(stderr, "\n");                                 \
    }                                                             \
  } while (0)

/** Prints a summary and returns the process exit code. */
inline int finish(const char* name) {
  if (failures() == 0) {
    std::printf("%s: all checks passed\n", name);
    return 0;
  }
  std::fprintf(stderr, "%s: %d check(s) failed\n", name, failures());
  return 1;
}

/** Deterministic uniform floats in [lo, hi) (xorshift64*: no <random> differences between libraries). */
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  double next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return static_cast<double>((state_ * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
  }
  float uniform(double lo, double hi) { return static_cast<float>(lo + (hi - lo) * next()); }
  std::vector<float> vector(std::size_t n, double lo = -1, double hi = 1) {
    std::vector<float> v(n);
    for (float& x : v) x = uniform(lo, hi);
    return v;
  }

 private:
  std::uint64_t state_;
};

/**
 * |got − want| ≤ atol + rtol·|want| for every element; reports the first few mismatches.
 * Returns whether all matched.
 */
inline bool all_close(const char* what, const float* got, const double* want, std::size_t n, double rtol, double atol) {
  int reported = 0;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double diff = std::fabs(static_cast<double>(got[i]) - want[i]);
    if (!(diff <= atol + rtol * std::fabs(want[i]))) {
      ok = false;
      if (reported++ < 5) std::fprintf(stderr, "  %s[%zu] = %.9g, want %.9g\n", what, i, got[i], want[i]);
    }
  }
  CHECK(ok, "%s differs from the float64 reference", what);
  return ok;
}

}  // namespace backprop_test
