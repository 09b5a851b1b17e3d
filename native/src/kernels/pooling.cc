#include "pooling.h"

#include <algorithm>
#include <cstdint>

#include "parallel_for.h"

namespace backprop {
namespace {

// Visits the outputs of one image plane: whole(o, h0, w0) for a window that lies inside the image
// (top-left pixel (h0, w0)), clipped(o, h_lo, h_hi, w_lo, w_hi) for one that overlaps the padding
// (pixels [h_lo, h_hi) × [w_lo, w_hi)). The interior outputs (all but a border of about pad / stride)
// are found once, so their loop has no test per window; with the kernel size passed to `whole` as
// constants, its scan unrolls.
template <class Whole, class Clipped>
void each_window(const Window2d& g, const Whole& whole, const Clipped& clipped) {
  const auto interior = [](index_t in, index_t kernel, index_t stride, index_t pad, index_t out) {
    const IndexRange first = inside(in, -pad, stride, out), last = inside(in, kernel - 1 - pad, stride, out);
    const index_t lo = std::max(first.lo, last.lo);
    return IndexRange{lo, std::max(lo, std::min(first.hi, last.hi))};
  };
  const IndexRange rows = interior(g.height, g.kernel_h, g.stride_h, g.pad_h, g.out_h);
  const IndexRange cols = interior(g.width, g.kernel_w, g.stride_w, g.pad_w, g.out_w);
  for (index_t oh = 0; oh < g.out_h; ++oh) {
    const index_t h0 = oh * g.stride_h - g.pad_h;
    const index_t h_lo = std::max<index_t>(h0, 0), h_hi = std::min(h0 + g.kernel_h, g.height);
    const bool row_inside = oh >= rows.lo && oh < rows.hi;
    const auto clip = [&](index_t ow) {
      const index_t w0 = ow * g.stride_w - g.pad_w;
      clipped(oh * g.out_w + ow, h_lo, h_hi, std::max<index_t>(w0, 0), std::min(w0 + g.kernel_w, g.width));
    };
    if (!row_inside) {
      for (index_t ow = 0; ow < g.out_w; ++ow) clip(ow);
      continue;
    }
    for (index_t ow = 0; ow < cols.lo; ++ow) clip(ow);
    for (index_t ow = cols.lo; ow < cols.hi; ++ow) whole(oh * g.out_w + ow, h0, ow * g.stride_w - g.pad_w);
    for (index_t ow = cols.hi; ow < g.out_w; ++ow) clip(ow);
  }
}

// Runs plane_fn(p) for every image plane p = r·channels + c, split over threads; `work` is the
// element operations per plane.
template <class PlaneFn>
void for_planes(index_t planes, double work, const PlaneFn& plane_fn) {
  parallel_for(planes, static_cast<double>(planes) * work, [&](index_t begin, index_t end) {
    for (index_t p = begin; p < end; ++p) plane_fn(p);
  });
}

// Scans pixels in row-major window order for the first NaN, else the first of the largest values:
// strictly greater replaces, and once the best is NaN nothing does.
struct Best {
  float value;
  index_t at;
  void see(float v, index_t i) {
    if (v > value || (v != v && value == value)) value = v, at = i;
  }
};

// Each plane op with the kernel size as constants KH, KW (0: read it from g at run time).
template <index_t KH, index_t KW>
struct Planes {
  static index_t kh(const Window2d& g) { return KH != 0 ? KH : g.kernel_h; }
  static index_t kw(const Window2d& g) { return KW != 0 ? KW : g.kernel_w; }

  static void max(const Window2d& g, const float* image, float* out, std::int32_t* argmax) {
    const index_t width = g.width;
    const auto store = [&](index_t o, const Best& best) {
      out[o] = best.value;
      argmax[o] = static_cast<std::int32_t>(best.at);
    };
    const auto scan = [&](index_t o, index_t h_lo, index_t h_hi, index_t w_lo, index_t w_hi) {
      Best best{image[h_lo * width + w_lo], h_lo * width + w_lo};
      for (index_t h = h_lo; h < h_hi; ++h) {
        for (index_t w = w_lo; w < w_hi; ++w) best.see(image[h * width + w], h * width + w);
      }
      store(o, best);
    };
    each_window(
        g,
        [&](index_t o, index_t h0, index_t w0) {
          if constexpr (KH == 0) {
            scan(o, h0, h0 + kh(g), w0, w0 + kw(g));
          } else {
            // A whole window of constant size, without a branch on the data (on real data each
            // comparison is a coin toss, and a scan that branches on it mispredicts half the time):
            // the maximum by std::max (maxss), then the first position that equals it from a mask
            // of comparisons. A window holding a NaN, where the first NaN wins, takes the scan.
            constexpr index_t n = KH * KW;
            static_assert(n <= 32, "the mask of a whole window is 32 bits");
            float v[n];
            bool nan = false;
            for (index_t k = 0; k < n; ++k) {
              v[k] = image[(h0 + k / KW) * width + w0 + k % KW];
              nan |= v[k] != v[k];
            }
            if (nan) return scan(o, h0, h0 + KH, w0, w0 + KW);
            float m = v[0];
            for (index_t k = 1; k < n; ++k) m = std::max(m, v[k]);
            std::uint32_t equal = 0;
            for (index_t k = 0; k < n; ++k) equal |= static_cast<std::uint32_t>(v[k] == m) << k;
            const index_t k = __builtin_ctz(equal);
            store(o, Best{m, (h0 + k / KW) * width + w0 + k % KW});
          }
        },
        scan);
  }

  static void avg(const Window2d& g, double count, const float* image, float* out) {
    const index_t width = g.width;
    each_window(
        g,
        [&](index_t o, index_t h0, index_t w0) {
          double sum = 0;
          for (index_t i = 0; i < kh(g); ++i) {
            for (index_t j = 0; j < kw(g); ++j) sum += image[(h0 + i) * width + w0 + j];
          }
          out[o] = static_cast<float>(sum / count);
        },
        [&](index_t o, index_t h_lo, index_t h_hi, index_t w_lo, index_t w_hi) {
          double sum = 0;
          for (index_t h = h_lo; h < h_hi; ++h) {
            for (index_t w = w_lo; w < w_hi; ++w) sum += image[h * width + w];
          }
          out[o] = static_cast<float>(sum / count);
        });
  }

  static void avg_backward(const Window2d& g, double count, const float* dy, float* grad) {
    const index_t width = g.width;
    each_window(
        g,
        [&](index_t o, index_t h0, index_t w0) {
          const double share = dy[o] / count;
          for (index_t i = 0; i < kh(g); ++i) {
            float* row = grad + (h0 + i) * width + w0;
            for (index_t j = 0; j < kw(g); ++j) row[j] = static_cast<float>(row[j] + share);
          }
        },
        [&](index_t o, index_t h_lo, index_t h_hi, index_t w_lo, index_t w_hi) {
          const double share = dy[o] / count;
          for (index_t h = h_lo; h < h_hi; ++h) {
            for (index_t w = w_lo; w < w_hi; ++w) grad[h * width + w] = static_cast<float>(grad[h * width + w] + share);
          }
        });
  }
};

// Runs fn(Planes<KH, KW>{}) with the kernel size as constants for the common 2×2 and 3×3 windows.
template <class Fn>
void with_kernel(const Window2d& g, const Fn& fn) {
  if (g.kernel_h == 2 && g.kernel_w == 2) return fn(Planes<2, 2>{});
  if (g.kernel_h == 3 && g.kernel_w == 3) return fn(Planes<3, 3>{});
  fn(Planes<0, 0>{});
}

}  // namespace

void max_pool2d(index_t rows, const Window2d& g, const float* x, float* y, std::int32_t* argmax) {
  const index_t plane = g.height * g.width, outputs = g.out_h * g.out_w;
  with_kernel(g, [&](auto planes) {
    for_planes(rows * g.channels, static_cast<double>(plane + outputs * g.kernel_h * g.kernel_w), [&](index_t p) {
      planes.max(g, x + p * plane, y + p * outputs, argmax + p * outputs);
    });
  });
}

void max_pool2d_backward(index_t rows, index_t channels, index_t plane, index_t out_size, const std::int32_t* argmax,
                         const float* dy, float* dx) {
  for_planes(rows * channels, static_cast<double>(plane + out_size), [&](index_t p) {
    float* grad = dx + p * plane;
    const std::int32_t* index = argmax + p * out_size;
    const float* g = dy + p * out_size;
    std::fill(grad, grad + plane, 0.0f);
    for (index_t o = 0; o < out_size; ++o) grad[index[o]] += g[o];
  });
}

void avg_pool2d(index_t rows, const Window2d& g, const float* x, float* y) {
  const index_t plane = g.height * g.width, outputs = g.out_h * g.out_w;
  const double count = static_cast<double>(g.kernel_h * g.kernel_w);
  with_kernel(g, [&](auto planes) {
    for_planes(rows * g.channels, static_cast<double>(plane + outputs * g.kernel_h * g.kernel_w), [&](index_t p) {
      planes.avg(g, count, x + p * plane, y + p * outputs);
    });
  });
}

void avg_pool2d_backward(index_t rows, const Window2d& g, const float* dy, float* dx) {
  const index_t plane = g.height * g.width, outputs = g.out_h * g.out_w;
  const double count = static_cast<double>(g.kernel_h * g.kernel_w);
  with_kernel(g, [&](auto planes) {
    for_planes(rows * g.channels, static_cast<double>(plane + outputs * g.kernel_h * g.kernel_w), [&](index_t p) {
      float* grad = dx + p * plane;
      std::fill(grad, grad + plane, 0.0f);
      planes.avg_backward(g, count, dy + p * outputs, grad);
    });
  });
}

}  // namespace backprop
