// im2col, col2im and transpose_batch against direct float64 references on awkward geometries
// (strides, padding wider than the kernel, dilation, 1×1, non-square, windows entirely in the
// padding), col2im as the adjoint of im2col (⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩), and the same
// bits on one thread and several.
#include <cmath>

#include "check.h"
#include "gemm.h"
#include "im2col.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

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

// Calls fn(entry, pixel) for every entry of cols, straight from the definition: entry
// r·outH·outW + oh·outW + ow, (c·kH + i)·kW + j reads pixel x[r, c, oh·sH − pH + i·dH, ow·sW − pW + j·dW],
// or pixel = −1 where that lies in the padding.
template <class Fn>
void each_entry(index_t rows, const Window2d& g, const Fn& fn) {
  const index_t k = g.channels * g.kernel_h * g.kernel_w;
  for (index_t r = 0; r < rows; ++r)
    for (index_t oh = 0; oh < g.out_h; ++oh)
      for (index_t ow = 0; ow < g.out_w; ++ow)
        for (index_t c = 0; c < g.channels; ++c)
          for (index_t i = 0; i < g.kernel_h; ++i)
            for (index_t j = 0; j < g.kernel_w; ++j) {
              const index_t h = oh * g.stride_h - g.pad_h + i * g.dilation_h;
              const index_t w = ow * g.stride_w - g.pad_w + j * g.dilation_w;
              const bool in = h >= 0 && h < g.height && w >= 0 && w < g.width;
              fn(static_cast<std::size_t>(((r * g.out_h + oh) * g.out_w + ow) * k + (c * g.kernel_h + i) * g.kernel_w + j),
                 in ? ((r * g.channels + c) * g.height + h) * g.width + w : index_t{-1});
            }
}

std::vector<double> reference_im2col(index_t rows, const Window2d& g, const std::vector<float>& x) {
  std::vector<double> cols(static_cast<std::size_t>(rows * g.out_h * g.out_w * g.channels * g.kernel_h * g.kernel_w));
  each_entry(rows, g, [&](std::size_t entry, index_t pixel) { cols[entry] = pixel < 0 ? 0.0 : x[static_cast<std::size_t>(pixel)]; });
  return cols;
}

// dx = beta·dx0 + Σ of the cols entries read from each pixel.
std::vector<double> reference_col2im(index_t rows, const Window2d& g, const std::vector<float>& cols, double beta,
                                     const std::vector<float>& dx0) {
  std::vector<double> dx(dx0.size());
  for (std::size_t p = 0; p < dx.size(); ++p) dx[p] = beta == 0 ? 0.0 : beta * dx0[p];
  each_entry(rows, g, [&](std::size_t entry, index_t pixel) {
    if (pixel >= 0) dx[static_cast<std::size_t>(pixel)] += cols[entry];
  });
  return dx;
}

void set_threads(int threads) { set_gemm_default_config(GemmConfig{gemm_default_config().isa, threads}); }

}  // namespace

int main() {
  Random rng(11);
  const Shape shapes[] = {
      {1, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1},    // "same" 3×3
      {2, 7, 5, 3, 2, 2, 1, 1, 0, 1, 2},    // non-square kernel, stride 2×1, dilation 1×2
      {3, 4, 6, 1, 1, 1, 1, 0, 0, 1, 1},    // 1×1
      {2, 6, 7, 2, 3, 3, 2, 2, 1, 2, 1},    // stride 3×2, dilation 2×1
      {1, 3, 3, 3, 3, 1, 1, 0, 0, 1, 1},    // one output position
      {1, 2, 2, 3, 3, 1, 1, 3, 3, 1, 1},    // padding wider than the kernel: whole windows of zeros
      {2, 5, 4, 2, 2, 1, 1, 2, 2, 3, 3},    // dilation 3 with padding
      {1, 1, 9, 1, 4, 1, 2, 0, 1, 1, 1},    // one image row
      {1, 28, 28, 5, 5, 1, 1, 2, 2, 1, 1},  // LeNet's first convolution
      {6, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1},  // and its second
  };
  for (const Shape& s : shapes) {
    const Window2d g = window_of(s);
    for (index_t rows : {1, 3}) {
      const index_t image = s.channels * s.height * s.width;
      const index_t k = s.channels * s.kernel_h * s.kernel_w;
      const std::size_t n_x = static_cast<std::size_t>(rows * image), n_cols = static_cast<std::size_t>(rows * g.out_h * g.out_w * k);
      const std::vector<float> x = rng.vector(n_x);
      std::vector<float> cols(n_cols, NAN);
      im2col(rows, g, x.data(), cols.data());
      all_close("im2col", cols.data(), reference_im2col(rows, g, x).data(), n_cols, 0, 0);

      const std::vector<float> c = rng.vector(n_cols);
      for (double beta : {0.0, 1.0, -0.5}) {
        std::vector<float> dx = rng.vector(n_x);
        if (beta == 0) dx.assign(n_x, NAN);
        const std::vector<double> want = reference_col2im(rows, g, c, beta, dx);
        col2im(rows, g, c.data(), beta, dx.data());
        all_close("col2im", dx.data(), want.data(), n_x, 1e-5, 1e-6);
      }

      // Adjointness: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩.
      std::vector<float> back(n_x);
      col2im(rows, g, c.data(), 0, back.data());
      double lhs = 0, rhs = 0, scale = 0;
      for (std::size_t p = 0; p < n_cols; ++p) lhs += static_cast<double>(cols[p]) * c[p], scale += std::fabs(cols[p] * c[p]);
      for (std::size_t p = 0; p < n_x; ++p) rhs += static_cast<double>(x[p]) * back[p];
      CHECK(std::fabs(lhs - rhs) <= 1e-5 * (1 + scale), "adjoint: <im2col(x), c> = %.17g, <x, col2im(c)> = %.17g", lhs, rhs);
    }
  }

  // transpose_batch: y[b, j, i, k] = x[b, i, j, k], exact, shapes around the 32-wide tiles, blocks
  // of 1 and 3 values (tiled loops) and of 16 and 64 (whole-block copies).
  for (index_t inner : {1, 3, 16, 64}) {
    for (index_t batch : {1, 3}) {
      for (index_t r : {1, 6, 33, 100}) {
        for (index_t c : {1, 5, 32, 70}) {
          if (inner >= 16 && r * c > 1000) continue;
          const std::size_t n = static_cast<std::size_t>(batch * r * c * inner);
          const std::vector<float> x = rng.vector(n);
          std::vector<float> y(n, NAN);
          std::vector<double> want(n);
          for (index_t b = 0; b < batch; ++b)
            for (index_t i = 0; i < r; ++i)
              for (index_t j = 0; j < c; ++j)
                for (index_t k = 0; k < inner; ++k)
                  want[static_cast<std::size_t>(((b * c + j) * r + i) * inner + k)] = x[static_cast<std::size_t>(((b * r + i) * c + j) * inner + k)];
          transpose_batch(batch, r, c, inner, x.data(), y.data());
          all_close("transposeBatch", y.data(), want.data(), n, 0, 0);
        }
      }
    }
  }

  // Large enough to be split over threads: the same bits on 1 and 3 threads.
  {
    const Window2d g = window_of({3, 30, 30, 3, 3, 1, 1, 1, 1, 1, 1});
    const index_t rows = 40, image = 3 * 30 * 30, patches = g.out_h * g.out_w * 27;
    const std::vector<float> x = rng.vector(static_cast<std::size_t>(rows * image));
    const std::vector<float> c = rng.vector(static_cast<std::size_t>(rows * patches));
    std::vector<float> cols1(c.size()), cols3(c.size()), dx1(x.size()), dx3(x.size()), t1(c.size()), t3(c.size());
    std::vector<float> b1(c.size()), b3(c.size()), s1(c.size()), s3(c.size());
    const int before = gemm_default_config().threads;
    set_threads(1);
    im2col(rows, g, x.data(), cols1.data());
    col2im(rows, g, c.data(), 0, dx1.data());
    transpose_batch(rows, g.out_h * g.out_w, 27, 1, c.data(), t1.data());
    transpose_batch(1, 27, rows, g.out_h * g.out_w, c.data(), b1.data());
    transpose_batch(rows, 27, g.out_h * g.out_w / 3, 3, c.data(), s1.data());
    set_threads(3);
    im2col(rows, g, x.data(), cols3.data());
    col2im(rows, g, c.data(), 0, dx3.data());
    transpose_batch(rows, g.out_h * g.out_w, 27, 1, c.data(), t3.data());
    transpose_batch(1, 27, rows, g.out_h * g.out_w, c.data(), b3.data());
    transpose_batch(rows, 27, g.out_h * g.out_w / 3, 3, c.data(), s3.data());
    set_threads(before);
    CHECK(cols1 == cols3, "im2col differs between 1 and 3 threads");
    CHECK(dx1 == dx3, "col2im differs between 1 and 3 threads");
    CHECK(t1 == t3, "transposeBatch differs between 1 and 3 threads");
    CHECK(b1 == b3, "transposeBatch with inner blocks differs between 1 and 3 threads");
    CHECK(s1 == s3, "transposeBatch with blocks of 3 differs between 1 and 3 threads");
  }
  return backprop_test::finish("im2col_test");
}
