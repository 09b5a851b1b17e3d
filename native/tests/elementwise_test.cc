// Element-wise kernels and bias ops against float64 references, in place where allowed,
// with lengths that exercise vector bodies and scalar tails.
#include "bias.h"
#include "check.h"
#include "elementwise.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

int main() {
  Random rng(7);
  for (index_t n : {0, 1, 3, 17, 63, 257, 1000}) {
    const std::size_t size = static_cast<std::size_t>(n);
    const std::vector<float> a = rng.vector(size), b = rng.vector(size);
    std::vector<double> want(size);
    std::vector<float> out(size);

    add(n, a.data(), b.data(), out.data());
    for (std::size_t i = 0; i < size; ++i) want[i] = static_cast<double>(a[i]) + b[i];
    all_close("add", out.data(), want.data(), size, 1e-7, 0);
    sub(n, a.data(), b.data(), out.data());
    for (std::size_t i = 0; i < size; ++i) want[i] = static_cast<double>(a[i]) - b[i];
    all_close("sub", out.data(), want.data(), size, 1e-7, 0);
    std::vector<float> inplace = a;
    mul(n, inplace.data(), b.data(), inplace.data());
    for (std::size_t i = 0; i < size; ++i) want[i] = static_cast<double>(a[i]) * b[i];
    all_close("mul (in place)", inplace.data(), want.data(), size, 1e-7, 0);

    std::vector<float> c = rng.vector(size);
    for (std::size_t i = 0; i < size; ++i) want[i] = c[i] + static_cast<double>(a[i]) * b[i];
    mul_add(n, a.data(), b.data(), c.data());
    all_close("mulAdd", c.data(), want.data(), size, 1e-7, 1e-7);

    std::vector<float> y = rng.vector(size);
    for (std::size_t i = 0; i < size; ++i) want[i] = y[i] + 0.3 * a[i];
    axpy(n, 0.3, a.data(), y.data());
    all_close("axpy", y.data(), want.data(), size, 1e-7, 1e-7);

    std::vector<float> x = a;
    scale(n, -2.5, x.data());
    for (std::size_t i = 0; i < size; ++i) want[i] = -2.5 * a[i];
    all_close("scale", x.data(), want.data(), size, 1e-7, 0);

    // L1: g += λ·sign(w), sign(±0) = 0; every third weight an exact zero of alternating sign.
    std::vector<float> w = a;
    for (std::size_t i = 0; i < size; i += 3) w[i] = (i / 3) % 2 ? -0.0f : 0.0f;
    std::vector<float> g = b;
    for (std::size_t i = 0; i < size; ++i) want[i] = g[i] + 0.01 * ((w[i] > 0) - (w[i] < 0));
    l1_gradient(n, 0.01, w.data(), g.data());
    all_close("l1Gradient", g.data(), want.data(), size, 1e-7, 0);
    std::vector<float> same = w;
    for (std::size_t i = 0; i < size; ++i) want[i] = w[i] + 0.5 * ((w[i] > 0) - (w[i] < 0));
    l1_gradient(n, 0.5, same.data(), same.data());
    all_close("l1Gradient (g = w)", same.data(), want.data(), size, 1e-7, 0);
    for (std::size_t i = 0; i < size; i += 3) CHECK(same[i] == 0.0f, "l1Gradient moved a zero weight at %zu", i);

    double ss = 0;
    for (float v : a) ss += static_cast<double>(v) * v;
    CHECK(std::fabs(sum_squares(n, a.data()) - ss) <= 1e-12 * (1 + ss), "sumSquares n=%lld", static_cast<long long>(n));
  }

  // Bias: x[i, j] += v[j]; out[j] = beta·out[j] + Σ_i x[i, j] (beta = 0 ignores NaN in out).
  for (index_t rows : {1, 5, 64}) {
    for (index_t cols : {1, 3, 17, 33}) {
      const std::size_t total = static_cast<std::size_t>(rows * cols);
      std::vector<float> x = rng.vector(total);
      const std::vector<float> v = rng.vector(static_cast<std::size_t>(cols));
      std::vector<double> want(total);
      for (index_t i = 0; i < rows; ++i) {
        for (index_t j = 0; j < cols; ++j) want[i * cols + j] = static_cast<double>(x[i * cols + j]) + v[j];
      }
      add_row_vector(rows, cols, x.data(), v.data());
      all_close("addRowVector", x.data(), want.data(), total, 1e-7, 1e-7);

      for (double beta : {0.0, 1.0, 0.5}) {
        std::vector<float> out = rng.vector(static_cast<std::size_t>(cols));
        if (beta == 0) out.assign(out.size(), NAN);
        std::vector<double> sums(static_cast<std::size_t>(cols));
        for (index_t j = 0; j < cols; ++j) {
          double s = beta == 0 ? 0 : beta * out[j];
          for (index_t i = 0; i < rows; ++i) s += x[i * cols + j];
          sums[j] = s;
        }
        sum_rows(rows, cols, x.data(), beta, out.data());
        all_close("sumRows", out.data(), sums.data(), sums.size(), 1e-5, 1e-5);
      }
    }
  }
  return backprop_test::finish("elementwise_test");
}
