// GEMM against a float64 reference: every ISA this CPU runs, 1–3 threads, awkward shapes
// that cross the cache blocks and leave partial micro-tiles, both transpose flags, alpha/beta
// (beta = 0 over a C full of NaN), C wider than a B block (NC), and no write outside C.
#include <cstring>
#include <limits>

#include "check.h"
#include "gemm.h"
#include "gemm_kernel.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

namespace backprop_test {
const GemmKernel& avx512_layout_kernel();  // gemm_layout_test_kernel.cc
}

namespace {

// C = alpha·op(A)·op(B) + beta·C in double.
std::vector<double> reference(bool ta, bool tb, index_t m, index_t n, index_t k, double alpha, const std::vector<float>& a,
                              const std::vector<float>& b, double beta, const std::vector<float>& c) {
  std::vector<double> out(static_cast<std::size_t>(m * n));
  for (index_t i = 0; i < m; ++i) {
    for (index_t j = 0; j < n; ++j) {
      double s = 0;
      for (index_t p = 0; p < k; ++p) s += static_cast<double>(ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      out[i * n + j] = alpha * s + (beta == 0 ? 0.0 : beta * c[i * n + j]);
    }
  }
  return out;
}

// Runs one case through `run` (C sits inside guard elements that must stay untouched).
template <typename Run>
void check_case(const char* label, Run run, bool ta, bool tb, index_t m, index_t n, index_t k, float alpha, float beta,
                Random& rng) {
  const std::vector<float> a = rng.vector(static_cast<std::size_t>(m * k));
  const std::vector<float> b = rng.vector(static_cast<std::size_t>(k * n));
  std::vector<float> c0 = rng.vector(static_cast<std::size_t>(m * n));
  if (beta == 0) for (float& x : c0) x = std::numeric_limits<float>::quiet_NaN();
  const std::vector<double> want = reference(ta, tb, m, n, k, alpha, a, b, beta, c0);
  const index_t guard = 7;
  std::vector<float> buffer(static_cast<std::size_t>(m * n + 2 * guard), 12345.0f);
  std::memcpy(buffer.data() + guard, c0.data(), sizeof(float) * c0.size());
  run(ta, tb, m, n, k, alpha, a.data(), b.data(), beta, buffer.data() + guard);
  char what[160];
  std::snprintf(what, sizeof what, "%s C (ta=%d tb=%d m=%lld n=%lld k=%lld alpha=%g beta=%g)", label, ta, tb,
                static_cast<long long>(m), static_cast<long long>(n), static_cast<long long>(k), alpha, beta);
  // Float32 sums of k products of values in [−1, 1]: error grows like √k·ε.
  const double tol = 1e-6 * (8 + 4 * std::sqrt(static_cast<double>(k)));
  all_close(what, buffer.data() + guard, want.data(), want.size(), tol, tol);
  for (index_t i = 0; i < guard; ++i) {
    CHECK(buffer[i] == 12345.0f && buffer[guard + m * n + i] == 12345.0f, "%s: wrote outside C", what);
  }
}

}  // namespace

int main() {
  Random rng(42);
  const index_t sizes[] = {1, 3, 17, 63, 257};
  const int thread_counts[] = {1, 2, 3};
  for (Isa isa : {Isa::generic, Isa::avx2, Isa::avx512}) {
    if (!isa_supported(isa)) {
      std::printf("skipping %s (not supported by this CPU)\n", isa_name(isa));
      continue;
    }
    for (int threads : thread_counts) {
      const GemmConfig config{isa, threads};
      auto run = [&](bool ta, bool tb, index_t m, index_t n, index_t k, float alpha, const float* a, const float* b,
                     float beta, float* c) { gemm(config, ta, tb, m, n, k, alpha, a, b, beta, c); };
      char label[64];
      std::snprintf(label, sizeof label, "%s/%d threads", isa_name(isa), threads);
      // Every transpose combination over awkward sizes.
      for (bool ta : {false, true}) {
        for (bool tb : {false, true}) {
          for (index_t m : sizes) {
            for (index_t n : sizes) {
              check_case(label, run, ta, tb, m, n, sizes[(m + n) % (sizeof sizes / sizeof sizes[0])], 1.0f, 0.0f, rng);
            }
          }
        }
      }
      // alpha/beta cases and shapes that cross MC, KC (several K blocks) and split across threads.
      for (float beta : {0.0f, 1.0f, -0.5f}) {
        check_case(label, run, false, false, 150, 70, 600, 0.75f, beta, rng);
        check_case(label, run, true, true, 301, 33, 260, -1.5f, beta, rng);
      }
      check_case(label, run, true, false, 64, 256, 784, 1.0f, 1.0f, rng);  // a weight-gradient shape
      // n past NC (2040 / 2048): more than one B block, the last one narrower.
      check_case(label, run, false, true, 5, 2100, 40, 1.0f, 0.5f, rng);
      check_case(label, run, true, false, 13, 4099, 9, -1.0f, 0.0f, rng);
    }
  }
  // The AVX-512 kernel's 12×32 tile and blocking, compiled for the baseline ISA, so its
  // packing and edge handling are checked on any CPU.
  const GemmKernel& layout = backprop_test::avx512_layout_kernel();
  auto run_layout = [&](bool ta, bool tb, index_t m, index_t n, index_t k, float alpha, const float* a, const float* b,
                        float beta, float* c) {
    const GemmProblem P{ta, tb, m, n, k, alpha, a, ta ? m : k, b, tb ? k : n, beta, c, n};
    std::vector<float> scratch(static_cast<std::size_t>(gemm_pack_floats(layout, m, n, k)) + 16);
    float* aligned = reinterpret_cast<float*>((reinterpret_cast<std::uintptr_t>(scratch.data()) + 63) / 64 * 64);
    layout.run(P, aligned);
  };
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      for (index_t m : {1, 13, 250}) {
        check_case("avx512 layout", run_layout, ta, tb, m, 45, 200, 1.0f, 0.0f, rng);
        check_case("avx512 layout", run_layout, ta, tb, m, 33, 401, 2.0f, 0.5f, rng);
      }
      check_case("avx512 layout", run_layout, ta, tb, 13, 2100, 20, 1.0f, 0.5f, rng);  // n past NC
    }
  }
  // Degenerate cases: k = 0 and alpha = 0 scale C by beta; beta = 0 then gives exact zeros.
  {
    float c[4] = {1, 2, std::numeric_limits<float>::quiet_NaN(), 4};
    gemm(false, false, 2, 2, 0, 1.0f, nullptr, nullptr, 0.0f, c);
    CHECK(c[0] == 0 && c[1] == 0 && c[2] == 0 && c[3] == 0, "k = 0, beta = 0 must zero C");
    float d[2] = {2, 4};
    const float a[2] = {1, 1}, b[1] = {1};
    gemm(false, false, 2, 1, 1, 0.0f, a, b, 0.5f, d);
    CHECK(d[0] == 1 && d[1] == 2, "alpha = 0 must give beta·C");
  }
  return backprop_test::finish("gemm_test");
}
