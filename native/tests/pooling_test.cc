// Max and average pooling, forward and backward, against direct float64 references: strides,
// padding up to ⌊kernel / 2⌋, non-square windows, global pooling; max pooling's first maximum on
// ties, its NaN rule (the first NaN wins) and −∞ inputs; the same bits on one thread and several.
#include <cmath>
#include <cstdint>

#include "check.h"
#include "gemm.h"
#include "pooling.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

namespace {

struct Shape {
  index_t channels, height, width, kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w;
};

Window2d window_of(const Shape& s) {
  Window2d g{s.channels, s.height, s.width, s.kernel_h, s.kernel_w, s.stride_h, s.stride_w, s.pad_h, s.pad_w, 1, 1, 0, 0};
  g.out_h = window_output(s.height, s.kernel_h, s.stride_h, s.pad_h, 1);
  g.out_w = window_output(s.width, s.kernel_w, s.stride_w, s.pad_w, 1);
  return g;
}

// Visits the image pixels (h, w) of output (oh, ow)'s window in row-major order.
template <class Fn>
void each_pixel(const Window2d& g, index_t oh, index_t ow, const Fn& fn) {
  for (index_t i = 0; i < g.kernel_h; ++i)
    for (index_t j = 0; j < g.kernel_w; ++j) {
      const index_t h = oh * g.stride_h - g.pad_h + i, w = ow * g.stride_w - g.pad_w + j;
      if (h >= 0 && h < g.height && w >= 0 && w < g.width) fn(h, w);
    }
}

void set_threads(int threads) { set_gemm_default_config(GemmConfig{gemm_default_config().isa, threads}); }

void check_shape(Random& rng, const Shape& s, index_t rows, bool specials) {
  const Window2d g = window_of(s);
  const index_t plane = s.height * s.width, outputs = g.out_h * g.out_w, planes = rows * s.channels;
  const std::size_t n_x = static_cast<std::size_t>(planes * plane), n_y = static_cast<std::size_t>(planes * outputs);
  // Values on a coarse grid, so that windows hold ties.
  std::vector<float> x(n_x);
  for (float& v : x) v = std::round(rng.uniform(-3, 3));
  if (specials) {
    for (std::size_t p = 0; p < n_x; p += 7) x[p] = NAN;
    for (std::size_t p = 3; p < n_x; p += 5) x[p] = -INFINITY;
  }

  // Max pooling: the first maximum in row-major window order; the first NaN beats everything.
  std::vector<float> y(n_y, 123.0f);
  std::vector<std::int32_t> argmax(n_y, -1);
  max_pool2d(rows, g, x.data(), y.data(), argmax.data());
  std::vector<double> want_y(n_y);
  std::vector<std::int32_t> want_arg(n_y);
  for (index_t p = 0; p < planes; ++p)
    for (index_t oh = 0; oh < g.out_h; ++oh)
      for (index_t ow = 0; ow < g.out_w; ++ow) {
        double best = -INFINITY;
        index_t at = -1;
        each_pixel(g, oh, ow, [&](index_t h, index_t w) {
          const double v = x[static_cast<std::size_t>(p * plane + h * s.width + w)];
          if (at >= 0 && std::isnan(best)) return;
          if (at < 0 || std::isnan(v) || v > best) best = v, at = h * s.width + w;
        });
        const std::size_t o = static_cast<std::size_t>(p * outputs + oh * g.out_w + ow);
        want_y[o] = best;
        want_arg[o] = static_cast<std::int32_t>(at);
      }
  bool same = true;
  for (std::size_t o = 0; o < n_y; ++o) {
    const bool match = argmax[o] == want_arg[o] && (std::isnan(want_y[o]) ? std::isnan(y[o]) : y[o] == want_y[o]);
    if (!match && same) std::fprintf(stderr, "  maxPool2d[%zu] = %g at %d, want %g at %d\n", o, y[o], argmax[o], want_y[o], want_arg[o]);
    same = same && match;
  }
  CHECK(same, "maxPool2d differs from the reference (%lldx%lld kernel %lldx%lld)", static_cast<long long>(s.height),
        static_cast<long long>(s.width), static_cast<long long>(s.kernel_h), static_cast<long long>(s.kernel_w));

  // Its backward: dx = 0, then dy added at each argmax (several outputs may share one).
  const std::vector<float> dy = rng.vector(n_y);
  std::vector<float> dx(n_x, NAN);
  std::vector<double> want_dx(n_x, 0.0);
  for (index_t p = 0; p < planes; ++p)
    for (index_t o = 0; o < outputs; ++o) want_dx[static_cast<std::size_t>(p * plane + want_arg[p * outputs + o])] += dy[p * outputs + o];
  max_pool2d_backward(rows, s.channels, plane, outputs, argmax.data(), dy.data(), dx.data());
  all_close("maxPool2dBackward", dx.data(), want_dx.data(), n_x, 1e-6, 1e-6);

  // Average pooling: padding counts as zeros, divisor kernelH·kernelW.
  if (specials) return;
  const double count = static_cast<double>(s.kernel_h * s.kernel_w);
  std::vector<double> want_avg(n_y, 0.0), want_back(n_x, 0.0);
  for (index_t p = 0; p < planes; ++p)
    for (index_t oh = 0; oh < g.out_h; ++oh)
      for (index_t ow = 0; ow < g.out_w; ++ow) {
        const std::size_t o = static_cast<std::size_t>(p * outputs + oh * g.out_w + ow);
        each_pixel(g, oh, ow, [&](index_t h, index_t w) {
          want_avg[o] += x[static_cast<std::size_t>(p * plane + h * s.width + w)] / count;
          want_back[static_cast<std::size_t>(p * plane + h * s.width + w)] += dy[o] / count;
        });
      }
  avg_pool2d(rows, g, x.data(), y.data());
  all_close("avgPool2d", y.data(), want_avg.data(), n_y, 1e-6, 1e-7);
  dx.assign(n_x, NAN);
  avg_pool2d_backward(rows, g, dy.data(), dx.data());
  all_close("avgPool2dBackward", dx.data(), want_back.data(), n_x, 1e-5, 1e-6);
}

}  // namespace

int main() {
  Random rng(5);
  const Shape shapes[] = {
      {1, 4, 4, 2, 2, 2, 2, 0, 0},     // the usual 2×2 / 2
      {2, 7, 5, 3, 3, 2, 2, 1, 1},     // 3×3 / 2, pad 1, odd sizes
      {3, 6, 6, 3, 3, 1, 1, 1, 1},     // overlapping windows
      {1, 5, 8, 2, 3, 1, 2, 1, 1},     // non-square kernel and stride
      {2, 3, 4, 3, 4, 1, 1, 0, 0},     // global pooling: one output per channel
      {1, 1, 1, 1, 1, 1, 1, 0, 0},     // a single pixel
      {6, 28, 28, 2, 2, 2, 2, 0, 0},   // LeNet's first pooling
      {1, 9, 9, 5, 4, 3, 2, 2, 2},     // pad = ⌊kernel / 2⌋ on both axes
  };
  for (const Shape& s : shapes) {
    for (index_t rows : {1, 3}) {
      check_shape(rng, s, rows, false);
      check_shape(rng, s, rows, true);
    }
  }

  // Split over threads (large enough): the same bits on 1 and 3 threads.
  {
    const Window2d g = window_of({8, 32, 32, 3, 3, 2, 2, 1, 1});
    const index_t rows = 32, n_x = rows * 8 * 32 * 32, n_y = rows * 8 * g.out_h * g.out_w;
    const std::vector<float> x = rng.vector(static_cast<std::size_t>(n_x)), dy = rng.vector(static_cast<std::size_t>(n_y));
    std::vector<float> y[2], dx[2], avg[2], avg_dx[2];
    std::vector<std::int32_t> arg[2];
    const int before = gemm_default_config().threads;
    for (int t = 0; t < 2; ++t) {
      set_threads(t == 0 ? 1 : 3);
      y[t].resize(static_cast<std::size_t>(n_y));
      arg[t].resize(static_cast<std::size_t>(n_y));
      dx[t].resize(static_cast<std::size_t>(n_x));
      avg[t].resize(static_cast<std::size_t>(n_y));
      avg_dx[t].resize(static_cast<std::size_t>(n_x));
      max_pool2d(rows, g, x.data(), y[t].data(), arg[t].data());
      max_pool2d_backward(rows, 8, 32 * 32, g.out_h * g.out_w, arg[t].data(), dy.data(), dx[t].data());
      avg_pool2d(rows, g, x.data(), avg[t].data());
      avg_pool2d_backward(rows, g, dy.data(), avg_dx[t].data());
    }
    set_threads(before);
    CHECK(y[0] == y[1] && arg[0] == arg[1] && dx[0] == dx[1] && avg[0] == avg[1] && avg_dx[0] == avg_dx[1],
          "pooling differs between 1 and 3 threads");
  }
  return backprop_test::finish("pooling_test");
}
