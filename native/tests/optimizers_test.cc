// SGD (plain, momentum, Nesterov, weight decay), Adam/AdamW, RMSprop (momentum, centred),
// Adagrad, Adamax and NAdam against float64 references over several steps, the state arrays
// included.
#include <algorithm>
#include <cmath>

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
  for (bool centered : {false, true}) {
    for (double momentum : {0.0, 0.5}) {
      std::vector<float> w = rng.vector(size), s(size, 0.0f), ga(size, 0.0f), b(size, 0.0f);
      std::vector<double> rw(w.begin(), w.end()), rs(size, 0.0), rga(size, 0.0), rb(size, 0.0);
      const double lr = 0.01, alpha = 0.9, eps = 1e-8, wd = 0.02;
      for (int t = 1; t <= 5; ++t) {
        const std::vector<float> g = rng.vector(size);
        for (std::size_t i = 0; i < size; ++i) {
          const double gi = g[i] + wd * rw[i];
          rs[i] = alpha * rs[i] + (1 - alpha) * gi * gi;
          double d;
          if (centered) {
            rga[i] = alpha * rga[i] + (1 - alpha) * gi;
            d = std::sqrt(rs[i] - rga[i] * rga[i]) + eps;
          } else {
            d = std::sqrt(rs[i]) + eps;
          }
          if (momentum > 0) {
            rb[i] = momentum * rb[i] + gi / d;
            rw[i] -= lr * rb[i];
          } else {
            rw[i] -= lr * gi / d;
          }
        }
        rmsprop_step(n, w.data(), g.data(), s.data(), centered ? ga.data() : nullptr, momentum > 0 ? b.data() : nullptr, lr, alpha,
                     eps, wd, momentum, centered);
      }
      all_close("rmsprop weights", w.data(), rw.data(), size, 1e-4, 1e-6);
      all_close("rmsprop square average", s.data(), rs.data(), size, 1e-5, 1e-8);
      if (centered) all_close("rmsprop gradient average", ga.data(), rga.data(), size, 1e-5, 1e-7);
      if (momentum > 0) all_close("rmsprop momentum buffer", b.data(), rb.data(), size, 1e-4, 1e-6);
    }
  }
  {
    std::vector<float> w = rng.vector(size), s(size, 0.1f);
    std::vector<double> rw(w.begin(), w.end()), rs(size, 0.1f);
    const double lr = 0.05, lr_decay = 0.1, eps = 1e-10, wd = 0.01;
    for (int t = 1; t <= 5; ++t) {
      const std::vector<float> g = rng.vector(size);
      for (std::size_t i = 0; i < size; ++i) {
        const double gi = g[i] + wd * rw[i];
        rs[i] += gi * gi;
        rw[i] -= lr / (1 + (t - 1) * lr_decay) * gi / (std::sqrt(rs[i]) + eps);
      }
      adagrad_step(n, w.data(), g.data(), s.data(), lr, lr_decay, eps, wd, t);
    }
    all_close("adagrad weights", w.data(), rw.data(), size, 1e-5, 1e-6);
    all_close("adagrad sum", s.data(), rs.data(), size, 1e-5, 1e-7);
  }
  {
    std::vector<float> w = rng.vector(size), m(size, 0.0f), u(size, 0.0f);
    std::vector<double> rw(w.begin(), w.end()), rm(size, 0.0), ru(size, 0.0);
    const double lr = 0.002, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
    for (int t = 1; t <= 6; ++t) {
      const std::vector<float> g = rng.vector(size);
      for (std::size_t i = 0; i < size; ++i) {
        const double gi = g[i] + wd * rw[i];
        rm[i] = b1 * rm[i] + (1 - b1) * gi;
        ru[i] = std::max(b2 * ru[i], std::fabs(gi) + eps);
        rw[i] -= lr / (1 - std::pow(b1, t)) * rm[i] / ru[i];
      }
      adamax_step(n, w.data(), g.data(), m.data(), u.data(), lr, b1, b2, eps, wd, t);
    }
    all_close("adamax weights", w.data(), rw.data(), size, 1e-5, 1e-6);
    all_close("adamax m", m.data(), rm.data(), size, 1e-5, 1e-7);
    all_close("adamax u", u.data(), ru.data(), size, 1e-5, 1e-7);
  }
  {
    std::vector<float> w = rng.vector(size), m(size, 0.0f), v(size, 0.0f);
    std::vector<double> rw(w.begin(), w.end()), rm(size, 0.0), rv(size, 0.0);
    const double lr = 0.002, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01, psi = 0.004;
    double mu_product = 1;
    for (int t = 1; t <= 6; ++t) {
      const std::vector<float> g = rng.vector(size);
      const double mu = b1 * (1 - 0.5 * std::pow(0.96, t * psi));
      const double mu_next = b1 * (1 - 0.5 * std::pow(0.96, (t + 1) * psi));
      mu_product *= mu;
      for (std::size_t i = 0; i < size; ++i) {
        const double gi = g[i] + wd * rw[i];
        rm[i] = b1 * rm[i] + (1 - b1) * gi;
        rv[i] = b2 * rv[i] + (1 - b2) * gi * gi;
        const double d = std::sqrt(rv[i] / (1 - std::pow(b2, t))) + eps;
        rw[i] -= lr * (1 - mu) / (1 - mu_product) * gi / d + lr * mu_next / (1 - mu_product * mu_next) * rm[i] / d;
      }
      nadam_step(n, w.data(), g.data(), m.data(), v.data(), lr, b1, b2, eps, wd, psi, mu_product, t);
    }
    all_close("nadam weights", w.data(), rw.data(), size, 1e-5, 1e-6);
    all_close("nadam m", m.data(), rm.data(), size, 1e-5, 1e-7);
    all_close("nadam v", v.data(), rv.data(), size, 1e-5, 1e-9);
  }
  return backprop_test::finish("optimizers_test");
}
