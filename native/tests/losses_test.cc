// Fused losses: value (double sum) and gradient against float64 references, stable at
// extreme logits, with the gradient written over its input.
#include "check.h"
#include "losses.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

int main() {
  Random rng(13);
  for (index_t rows : {1, 5}) {
    for (index_t cols : {2, 3, 10}) {
      const std::size_t total = static_cast<std::size_t>(rows * cols);
      std::vector<float> z = rng.vector(total, -4, 4);
      z[0] = 200.0f;  // logΣe^z must not overflow
      std::vector<float> t(total, 0.0f);
      for (index_t i = 0; i < rows; ++i) t[i * cols + (i % cols)] = 1.0f;
      double want_loss = 0;
      std::vector<double> want_grad(total);
      const double scale = 1.0 / static_cast<double>(rows);
      for (index_t i = 0; i < rows; ++i) {
        double max = -INFINITY, sum = 0;
        for (index_t j = 0; j < cols; ++j) max = std::fmax(max, z[i * cols + j]);
        for (index_t j = 0; j < cols; ++j) sum += std::exp(z[i * cols + j] - max);
        const double lse = max + std::log(sum);
        for (index_t j = 0; j < cols; ++j) {
          want_loss -= t[i * cols + j] * (z[i * cols + j] - lse);
          want_grad[i * cols + j] = scale * (std::exp(z[i * cols + j] - lse) - t[i * cols + j]);
        }
      }
      std::vector<float> grad = z;  // gradient over the logits
      const double loss = softmax_cross_entropy(rows, cols, grad.data(), t.data(), scale, grad.data());
      CHECK(std::fabs(loss - want_loss) <= 1e-6 * (1 + std::fabs(want_loss)), "softmaxCrossEntropy loss %.17g, want %.17g", loss, want_loss);
      all_close("softmaxCrossEntropy grad", grad.data(), want_grad.data(), total, 1e-6, 1e-8);
    }
  }

  for (index_t n : {1, 9, 100}) {
    const std::size_t size = static_cast<std::size_t>(n);
    const std::vector<float> p = rng.vector(size, -3, 3), t = rng.vector(size, -3, 3);
    double want_loss = 0;
    std::vector<double> want_grad(size);
    for (std::size_t i = 0; i < size; ++i) {
      const double d = static_cast<double>(p[i]) - t[i];
      want_loss += d * d;
      want_grad[i] = 0.5 * 2 * d;
    }
    std::vector<float> grad(size);
    const double loss = mse(n, p.data(), t.data(), 0.5, grad.data());
    CHECK(std::fabs(loss - want_loss) <= 1e-12 * (1 + want_loss), "mse loss %.17g, want %.17g", loss, want_loss);
    all_close("mse grad", grad.data(), want_grad.data(), size, 1e-7, 0);

    std::vector<float> z = rng.vector(size, -8, 8);
    z[0] = -500.0f;  // e^{500} would overflow a naive log(1 + e^{−z})
    std::vector<float> targets(size);
    for (std::size_t i = 0; i < size; ++i) targets[i] = static_cast<float>(i % 2);
    want_loss = 0;
    for (std::size_t i = 0; i < size; ++i) {
      const double zi = z[i], ti = targets[i];
      want_loss += std::fmax(zi, 0) - zi * ti + std::log1p(std::exp(-std::fabs(zi)));
      want_grad[i] = 2.0 * (1 / (1 + std::exp(-zi)) - ti);
    }
    const double bce = sigmoid_binary_cross_entropy(n, z.data(), targets.data(), 2.0, z.data());
    CHECK(std::isfinite(bce) && std::fabs(bce - want_loss) <= 1e-9 * (1 + want_loss), "sigmoid BCE loss %.17g, want %.17g", bce, want_loss);
    all_close("sigmoid BCE grad (over logits)", z.data(), want_grad.data(), size, 1e-6, 1e-8);
  }
  return backprop_test::finish("losses_test");
}
