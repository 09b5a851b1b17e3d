// conv2d and conv2d_weight_grad against float64 references written from the definitions
//   y[r, o, oh, ow] = Σ_{c,i,j} w[o, c, i, j] · x[r, c, oh·sH − pH + i·dH, ow·sW − pW + j·dW]
//   dw[o, c, i, j] = beta·dw + alpha·Σ_{r,oh,ow} dy[r, o, oh, ow] · x[r, c, (same pixel)]
// (0 in the padding) on awkward geometries (strides, padding wider than the kernel, dilation,
// 1×1, non-square, kernels wider than 7, widths around multiples of 8), beta 0 over NaN, an
// infinite pixel that no tap reads, writes confined to y / dw, and the same bits on one thread
// and three.
#include <cmath>
#include <limits>

#include "check.h"
#include "conv_direct.h"
#include "gemm.h"

using namespace backprop;
using backprop_test::Random;

namespace {

struct Shape {
  index_t channels, height, width, kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w;
};

Window2d window_of(const Shape& s) {
  Window2d g{s.channels, s.height,   s.width,      s.kernel_h,   s.kernel_w, s.stride_h, s.stride_w,
             s.pad_h,    s.pad_w,    s.dilation_h, s.dilation_w, 0,          0};
  g.out_h = window_output(s.height, s.kernel_h, s.stride_h, s.pad_h, s.dilation_h);
  g.out_w = window_output(s.width, s.kernel_w, s.stride_w, s.pad_w, s.dilation_w);
  return g;
}

// Calls fn(y index, x index, w index) for every term of the convolution whose pixel is inside the image.
template <class Fn>
void each_term(index_t rows, index_t filters, const Window2d& g, const Fn& fn) {
  for (index_t r = 0; r < rows; ++r)
    for (index_t o = 0; o < filters; ++o)
      for (index_t oh = 0; oh < g.out_h; ++oh)
        for (index_t ow = 0; ow < g.out_w; ++ow)
          for (index_t c = 0; c < g.channels; ++c)
            for (index_t i = 0; i < g.kernel_h; ++i)
              for (index_t j = 0; j < g.kernel_w; ++j) {
                const index_t h = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                const index_t w = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                if (h < 0 || h >= g.height || w < 0 || w >= g.width) continue;
                fn(static_cast<std::size_t>(((r * filters + o) * g.out_h + oh) * g.out_w + ow),
                   static_cast<std::size_t>(((r * g.channels + c) * g.height + h) * g.width + w),
                   static_cast<std::size_t>(((o * g.channels + c) * g.kernel_h + i) * g.kernel_w + j));
              }
}

void set_threads(int threads) { set_gemm_default_config(GemmConfig{gemm_default_config().isa, threads}); }

// Runs both ops on one geometry against the references; `guard` extra cells after each output must stay untouched.
void check_shape(Random& rng, const Shape& s, index_t rows, index_t filters) {
  const Window2d g = window_of(s);
  const std::size_t nx = static_cast<std::size_t>(rows * s.channels * s.height * s.width);
  const std::size_t nw = static_cast<std::size_t>(filters * s.channels * s.kernel_h * s.kernel_w);
  const std::size_t ny = static_cast<std::size_t>(rows * filters * g.out_h * g.out_w);
  constexpr std::size_t guard = 9;
  const std::vector<float> x = rng.vector(nx), w = rng.vector(nw), dy = rng.vector(ny);

  std::vector<double> want_y(ny, 0.0), mag_y(ny, 0.0);
  std::vector<double> sum_dw(nw, 0.0), mag_dw(nw, 0.0);
  each_term(rows, filters, g, [&](std::size_t yi, std::size_t xi, std::size_t wi) {
    want_y[yi] += static_cast<double>(w[wi]) * x[xi];
    mag_y[yi] += std::fabs(static_cast<double>(w[wi]) * x[xi]);
    sum_dw[wi] += static_cast<double>(dy[yi]) * x[xi];
    mag_dw[wi] += std::fabs(static_cast<double>(dy[yi]) * x[xi]);
  });

  std::vector<float> y(ny + guard, NAN);
  conv2d(rows, filters, g, x.data(), w.data(), y.data());
  bool ok = true;
  for (std::size_t p = 0; p < ny; ++p) {
    if (!(std::fabs(y[p] - want_y[p]) <= 1e-6 * (1 + mag_y[p]))) ok = false;
  }
  for (std::size_t p = ny; p < ny + guard; ++p) ok = ok && std::isnan(y[p]);
  CHECK(ok, "conv2d %lldx%lldx%lldx%lld kernel %lldx%lld stride %lldx%lld pad %lldx%lld dilation %lldx%lld, filters %lld",
        (long long)rows, (long long)s.channels, (long long)s.height, (long long)s.width, (long long)s.kernel_h,
        (long long)s.kernel_w, (long long)s.stride_h, (long long)s.stride_w, (long long)s.pad_h, (long long)s.pad_w,
        (long long)s.dilation_h, (long long)s.dilation_w, (long long)filters);

  for (double beta : {0.0, 1.0, -0.5}) {
    const double alpha = beta == 1.0 ? 1.0 : 0.75;
    std::vector<float> dw = rng.vector(nw + guard);
    if (beta == 0) std::fill(dw.begin(), dw.begin() + static_cast<std::ptrdiff_t>(nw), NAN);
    const std::vector<float> before = dw;
    std::vector<double> want(nw);
    for (std::size_t p = 0; p < nw; ++p) want[p] = (beta == 0 ? 0.0 : beta * before[p]) + alpha * sum_dw[p];
    conv2d_weight_grad(rows, filters, g, x.data(), dy.data(), alpha, beta, dw.data());
    bool good = true;
    for (std::size_t p = 0; p < nw; ++p) {
      const double scale = 1 + std::fabs(alpha) * mag_dw[p] + (beta == 0 ? 0.0 : std::fabs(beta * before[p]));
      if (!(std::fabs(dw[p] - want[p]) <= 2e-6 * scale)) {
        if (good) std::fprintf(stderr, "  dw[%zu] = %.9g, want %.9g\n", p, dw[p], want[p]);
        good = false;
      }
    }
    for (std::size_t p = nw; p < nw + guard; ++p) good = good && dw[p] == before[p];
    CHECK(good, "conv2d_weight_grad beta %g, %lldx%lldx%lldx%lld kernel %lldx%lld stride %lldx%lld pad %lldx%lld dilation %lldx%lld, filters %lld",
          beta, (long long)rows, (long long)s.channels, (long long)s.height, (long long)s.width, (long long)s.kernel_h,
          (long long)s.kernel_w, (long long)s.stride_h, (long long)s.stride_w, (long long)s.pad_h, (long long)s.pad_w,
          (long long)s.dilation_h, (long long)s.dilation_w, (long long)filters);
  }
}

}  // namespace

int main() {
  Random rng(23);
  const Shape shapes[] = {
      {1, 28, 28, 5, 5, 1, 1, 2, 2, 1, 1},  // LeNet's first convolution
      {6, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1},  // and its second
      {1, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1},    // "same" 3×3
      {3, 7, 6, 3, 3, 2, 2, 1, 1, 1, 1},    // stride 2
      {2, 7, 5, 3, 2, 2, 1, 1, 0, 1, 2},    // non-square kernel, stride 2×1, dilation 1×2
      {3, 4, 6, 1, 1, 1, 1, 0, 0, 1, 1},    // 1×1
      {2, 6, 7, 2, 3, 3, 2, 2, 1, 2, 1},    // stride 3×2, dilation 2×1
      {1, 3, 3, 3, 3, 1, 1, 0, 0, 1, 1},    // one output position
      {1, 2, 2, 3, 3, 1, 1, 3, 3, 1, 1},    // padding wider than the kernel: whole windows of zeros
      {2, 5, 4, 2, 2, 1, 1, 2, 2, 3, 3},    // dilation 3 with padding
      {1, 1, 9, 1, 4, 1, 2, 0, 1, 1, 1},    // one image row
      {2, 9, 13, 3, 9, 1, 1, 1, 4, 1, 1},   // a kernel wider than 7
      {1, 6, 16, 3, 3, 1, 1, 0, 1, 1, 1},   // rows of exactly 16 outputs
      {1, 5, 33, 2, 3, 1, 1, 0, 0, 1, 1},   // 31 outputs a row
      {2, 4, 19, 2, 2, 1, 1, 1, 1, 2, 2},   // 9 outputs a row, dilation 2
      {1, 0, 3, 3, 3, 1, 1, 2, 1, 1, 1},    // an empty image: every window in the padding
  };
  for (const Shape& s : shapes) {
    for (index_t rows : {1, 3}) {
      for (index_t filters : {1, 4}) check_shape(rng, s, rows, filters);
    }
  }

  // channels 0: y is zeros (an empty sum), dw has no element.
  {
    const Window2d g = window_of({0, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1});
    std::vector<float> y(2 * 3 * 16, NAN), none(1, 1.0f);
    conv2d(2, 3, g, none.data(), none.data(), y.data());
    bool zero = true;
    for (float v : y) zero = zero && v == 0;
    CHECK(zero, "conv2d with 0 channels writes zeros");
  }
  // rows 0: dw ← beta·dw.
  {
    const Window2d g = window_of({2, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1});
    std::vector<float> dw(2 * 2 * 9, NAN), none(1, 1.0f);
    conv2d_weight_grad(0, 2, g, none.data(), none.data(), 1.0, 0.0, dw.data());
    bool zero = true;
    for (float v : dw) zero = zero && v == 0;
    CHECK(zero, "conv2d_weight_grad with 0 rows and beta 0 writes zeros");
    std::vector<float> dw2(36, 2.0f);
    conv2d_weight_grad(0, 2, g, none.data(), none.data(), 1.0, -0.5, dw2.data());
    bool scaled = true;
    for (float v : dw2) scaled = scaled && v == -1.0f;
    CHECK(scaled, "conv2d_weight_grad with 0 rows gives beta·dw");
  }

  // An infinite pixel read by no tap of a filter position leaves the gradients finite (no 0·∞).
  {
    const Shape s{1, 6, 12, 3, 3, 1, 1, 0, 0, 1, 1};  // pixel column 11 is read only by j = 2
    const Window2d g = window_of(s);
    std::vector<float> x = rng.vector(72), dy = rng.vector(static_cast<std::size_t>(g.out_h * g.out_w));
    x[3 * 12 + 11] = std::numeric_limits<float>::infinity();
    std::vector<float> dw(9, NAN);
    conv2d_weight_grad(1, 1, g, x.data(), dy.data(), 1.0, 0.0, dw.data());
    bool finite = true;
    for (index_t i = 0; i < 3; ++i)
      for (index_t j = 0; j < 2; ++j) finite = finite && std::isfinite(dw[static_cast<std::size_t>(i * 3 + j)]);
    CHECK(finite, "conv2d_weight_grad: taps that never read the infinite pixel stay finite");
  }

  // Large enough to be split over threads: the same bits on 1 and 3 threads.
  for (const Shape& s : {Shape{1, 28, 28, 5, 5, 1, 1, 2, 2, 1, 1}, Shape{3, 15, 17, 3, 3, 2, 2, 1, 1, 1, 1}}) {
    const Window2d g = window_of(s);
    const index_t rows = 16, filters = 6;
    const std::size_t nx = static_cast<std::size_t>(rows * s.channels * s.height * s.width);
    const std::size_t nw = static_cast<std::size_t>(filters * s.channels * s.kernel_h * s.kernel_w);
    const std::size_t ny = static_cast<std::size_t>(rows * filters * g.out_h * g.out_w);
    const std::vector<float> x = rng.vector(nx), w = rng.vector(nw), dy = rng.vector(ny);
    const int before = gemm_default_config().threads;
    std::vector<float> y1(ny), y3(ny), dw1(nw, 0.5f), dw3(nw, 0.5f);
    set_threads(1);
    conv2d(rows, filters, g, x.data(), w.data(), y1.data());
    conv2d_weight_grad(rows, filters, g, x.data(), dy.data(), 0.5, 0.25, dw1.data());
    set_threads(3);
    conv2d(rows, filters, g, x.data(), w.data(), y3.data());
    conv2d_weight_grad(rows, filters, g, x.data(), dy.data(), 0.5, 0.25, dw3.data());
    set_threads(before);
    CHECK(y1 == y3, "conv2d differs between 1 and 3 threads");
    CHECK(dw1 == dw3, "conv2d_weight_grad differs between 1 and 3 threads");
  }
  return backprop_test::finish("conv_direct_test");
}
