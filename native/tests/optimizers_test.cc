// SGD (plain, momentum, Nesterov, weight decay) and Adam/AdamW against float64 references
// over several steps, the state arrays included.
#include "check.h"
#include "optimizers.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

int main() {
  Random rng(17);
  const index_t n = 37;
  const std::size_t size = static_cast<std::size_t>(n);
  for (double momentum : {0.0, 0.9}) {
    for (bool nesterov : {false, true}) {
      std::vector<float> w = rng.vector(size), v(size, 0.0f);
      std::vector<double> rw(w.begin(), w.end()), rv(size, 0.0);
      for (int step = 0; step < 5; ++step) {
        const std::vector<float> g = rng.vector(size);
        for (std::size_t i = 0; i < size; ++i) {
          double gi = g[i] + 0.01 * rw[i];
          if (momentum > 0) {
            rv[i] = momentum * rv[i] + gi;
            gi = nesterov ? gi + momentum * rv[i] : rv[i];
          }
          rw[i] -= 0.1 * gi;
        }
        sgd_step(n, w.data(), g.data(), momentum > 0 ? v.data() : nullptr, 0.1, momentum, nesterov, 0.01);
      }
      all_close("sgd weights", w.data(), rw.data(), size, 1e-5, 1e-6);
      if (momentum > 0) all_close("sgd velocity", v.data(), rv.data(), size, 1e-5, 1e-6);
    }
  }
  for (bool decoupled : {false, true}) {
    std::vector<float> w = rng.vector(size), m(size, 0.0f), v(size, 0.0f);
    std::vector<double> rw(w.begin(), w.end()), rm(size, 0.0), rv(size, 0.0);
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
    for (int t = 1; t <= 6; ++t) {
      const std::vector<float> g = rng.vector(size);
      for (std::size_t i = 0; i < size; ++i) {
        double gi = g[i];
        if (decoupled) rw[i] -= lr * wd * rw[i];
        else gi += wd * rw[i];
        rm[i] = b1 * rm[i] + (1 - b1) * gi;
        rv[i] = b2 * rv[i] + (1 - b2) * gi * gi;
        rw[i] -= lr * (rm[i] / (1 - std::pow(b1, t))) / (std::sqrt(rv[i] / (1 - std::pow(b2, t))) + eps);
      }
      adam_step(n, w.data(), g.data(), m.data(), v.data(), lr, b1, b2, eps, wd, decoupled, t);
    }
    all_close(decoupled ? "adamw weights" : "adam weights", w.data(), rw.data(), size, 1e-5, 1e-6);
    all_close("adam m", m.data(), rm.data(), size, 1e-5, 1e-7);
    all_close("adam v", v.data(), rv.data(), size, 1e-5, 1e-9);
  }
  return backprop_test::finish("optimizers_test");
}
