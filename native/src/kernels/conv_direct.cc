#include "conv_direct.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "isa.h"
#include "parallel_for.h"

namespace backprop {
namespace {

// GCC vectors of N floats: 8 (AVX2, and two SSE registers each on plain x86-64) or 16 (AVX-512).
// The loops are templates on N, compiled once per instruction set (with FMA) and picked by the
// ISA GEMM is configured with, as GEMM's micro-kernels are.
template <int N>
struct Vec;
template <>
struct Vec<8> {
  typedef float type __attribute__((vector_size(32)));
  typedef float unaligned __attribute__((vector_size(32), aligned(4)));
  typedef std::int32_t mask __attribute__((vector_size(32)));
};
template <>
struct Vec<16> {
  typedef float type __attribute__((vector_size(64)));
  typedef float unaligned __attribute__((vector_size(64), aligned(4)));
  typedef std::int32_t mask __attribute__((vector_size(64)));
};

template <int N>
__attribute__((always_inline)) inline typename Vec<N>::type load(const float* p) {
  return *reinterpret_cast<const typename Vec<N>::unaligned*>(p);
}
template <int N>
__attribute__((always_inline)) inline void store(float* p, typename Vec<N>::type v) {
  *reinterpret_cast<typename Vec<N>::unaligned*>(p) = v;
}
// s in every lane.
template <int N>
__attribute__((always_inline)) inline typename Vec<N>::type splat(float s) {
  return typename Vec<N>::type{} + s;
}

#if defined(__x86_64__)
#define BACKPROP_AVX512 __attribute__((target("avx512f,avx2,fma")))
#define BACKPROP_AVX2 __attribute__((target("avx2,fma")))
#else
// Elsewhere (WebAssembly) only the generic variant is ever chosen; the others compile plainly.
#define BACKPROP_AVX512
#define BACKPROP_AVX2
#endif

// ---------------------------------------------------------------- padded copies
//
// With stride 1 along a row, the pixels a tap reads for consecutive outputs are consecutive.
// The fast paths copy each image plane into a zero-padded plane of (height + 2·padH) rows of
// wx = width + 2·padW values, so that tap (i, j) of output (oh, ow) reads padded pixel
// (oh·strideH + i·dilationH, ow + j·dilationW) with no bounds test: padding is real zeros.

// Copies the channels planes of one image into xp (channels planes of hp × wx, padding already zero).
void pad_image(const Window2d& g, index_t wx, index_t plane_x, const float* image, float* xp) {
  const std::size_t bytes = static_cast<std::size_t>(g.width) * sizeof(float);
  if (bytes == 0) return;
  for (index_t c = 0; c < g.channels; ++c) {
    const float* from = image + c * g.height * g.width;
    float* to = xp + c * plane_x + g.pad_h * wx + g.pad_w;
    for (index_t h = 0; h < g.height; ++h) std::memcpy(to + h * wx, from + h * g.width, bytes);
  }
}

// ---------------------------------------------------------------- forward, stride 1
//
// The output plane is computed on a "virtual" grid of outH rows of wx values (wx ≥ outW): virtual
// position p = oh·wx + ow reads padded pixel p + i·dilationH·wx + j·dilationW for tap (c, i, j),
// one offset per tap whatever p, so a block of consecutive positions is a plain multiply-add
// of one contiguous run of the padded image per tap. The positions with ow ≥ outW are computed
// and discarded (they read pixels of the next row, or the slack after the planes). Blocks of
// kBlockVectors vectors of positions × up to kFilters filters stay in registers over all taps:
//   acc[f][p] = Σ_t w[o + f, t] · xp[p + off[t]].

constexpr int kBlockVectors = 4;
constexpr index_t kFilters = 3;
// Virtual positions a register block covers at most (kBlockVectors vectors of 16): the planes are
// rounded up to a multiple of it.
constexpr index_t kBlockMax = kBlockVectors * 16;

template <int N, int F>
__attribute__((always_inline)) inline void forward_filters(index_t taps, const index_t* off, const float* w, index_t k,
                                                           const float* xp, index_t positions, float* out) {
  typedef typename Vec<N>::type V;
  constexpr index_t block = kBlockVectors * N;
  for (index_t p0 = 0; p0 < positions; p0 += block) {
    V acc[F][kBlockVectors];
#pragma GCC unroll 4
    for (int f = 0; f < F; ++f)
#pragma GCC unroll 4
      for (int v = 0; v < kBlockVectors; ++v) acc[f][v] = V{};
    const float* base = xp + p0;
    for (index_t t = 0; t < taps; ++t) {
      const float* xs = base + off[t];
      V wv[F];
#pragma GCC unroll 4
      for (int f = 0; f < F; ++f) wv[f] = splat<N>(w[f * k + t]);
#pragma GCC unroll 4
      for (int v = 0; v < kBlockVectors; ++v) {
        const V xv = load<N>(xs + v * N);
#pragma GCC unroll 4
        for (int f = 0; f < F; ++f) acc[f][v] += wv[f] * xv;
      }
    }
#pragma GCC unroll 4
    for (int f = 0; f < F; ++f)
#pragma GCC unroll 4
      for (int v = 0; v < kBlockVectors; ++v) store<N>(out + f * positions + p0 + v * N, acc[f][v]);
  }
}

// `count` (1 to kFilters) filters' virtual planes, each `positions` (a multiple of kBlockMax) long, into out.
template <int N>
__attribute__((always_inline)) inline void forward_block(int count, index_t taps, const index_t* off, const float* w,
                                                         index_t k, const float* xp, index_t positions, float* out) {
  switch (count) {
    case 3: return forward_filters<N, 3>(taps, off, w, k, xp, positions, out);
    case 2: return forward_filters<N, 2>(taps, off, w, k, xp, positions, out);
    default: return forward_filters<N, 1>(taps, off, w, k, xp, positions, out);
  }
}

typedef void (*ForwardBlock)(int, index_t, const index_t*, const float*, index_t, const float*, index_t, float*);

BACKPROP_AVX512 void forward_block_avx512(int count, index_t taps, const index_t* off, const float* w, index_t k,
                                          const float* xp, index_t positions, float* out) {
  forward_block<16>(count, taps, off, w, k, xp, positions, out);
}
BACKPROP_AVX2 void forward_block_avx2(int count, index_t taps, const index_t* off, const float* w, index_t k,
                                      const float* xp, index_t positions, float* out) {
  forward_block<8>(count, taps, off, w, k, xp, positions, out);
}
void forward_block_generic(int count, index_t taps, const index_t* off, const float* w, index_t k, const float* xp,
                           index_t positions, float* out) {
  forward_block<8>(count, taps, off, w, k, xp, positions, out);
}

void conv2d_stride1(index_t rows, index_t filters, const Window2d& g, const float* x, const float* w, float* y) {
  const index_t wx = g.width + 2 * g.pad_w, hp = g.height + 2 * g.pad_h, plane_x = hp * wx;
  const index_t k = g.channels * g.kernel_h * g.kernel_w, image = g.channels * g.height * g.width;
  const index_t plane_y = g.out_h * g.out_w;
  const index_t positions = (g.out_h * wx + kBlockMax - 1) / kBlockMax * kBlockMax;
  const Isa isa = gemm_default_config().isa;
  const ForwardBlock forward_block =
      isa == Isa::avx512 ? forward_block_avx512 : isa == Isa::avx2 ? forward_block_avx2 : forward_block_generic;
  std::vector<index_t> off(static_cast<std::size_t>(k));
  index_t last = 0;
  for (index_t c = 0, t = 0; c < g.channels; ++c)
    for (index_t i = 0; i < g.kernel_h; ++i)
      for (index_t j = 0; j < g.kernel_w; ++j, ++t) last = off[t] = c * plane_x + i * g.dilation_h * wx + j * g.dilation_w;
  // The last block reads up to positions − 1 past the largest offset.
  const index_t padded_size = std::max(g.channels * plane_x, last + positions);
  const index_t groups = (filters + kFilters - 1) / kFilters;
  const double work = static_cast<double>(rows) * static_cast<double>(filters) * static_cast<double>(positions) * static_cast<double>(k);
  parallel_for(rows * groups, work, [&](index_t begin, index_t end) {
    std::vector<float> xp(static_cast<std::size_t>(padded_size), 0.0f);
    std::vector<float> out(static_cast<std::size_t>(kFilters * positions));
    index_t padded = -1;  // the image now in xp
    for (index_t item = begin; item < end; ++item) {
      const index_t r = item / groups, o = item % groups * kFilters;
      const int count = static_cast<int>(std::min(kFilters, filters - o));
      if (r != padded) {
        pad_image(g, wx, plane_x, x + r * image, xp.data());
        padded = r;
      }
      forward_block(count, k, off.data(), w + o * k, k, xp.data(), positions, out.data());
      // The virtual rows' first outW values are the output rows.
      for (int f = 0; f < count; ++f) {
        float* to = y + (r * filters + o + f) * plane_y;
        const float* from = out.data() + f * positions;
        for (index_t oh = 0; oh < g.out_h; ++oh) {
          std::memcpy(to + oh * g.out_w, from + oh * wx, static_cast<std::size_t>(g.out_w) * sizeof(float));
        }
      }
    }
  });
}

// ---------------------------------------------------------------- forward, any stride
//
// One output plane (r, o) at a time, zeroed, then for each tap (c, i, j) the output rows whose
// input row is inside the image and, in each, the outputs [lo, hi) whose input column is inside
// (both found once per tap) get w·x added.

BACKPROP_VECTORIZE void forward_plane(const Window2d& g, const float* image, const float* w, float* plane) {
  const index_t sh = g.stride_h, sw = g.stride_w;
  std::fill(plane, plane + g.out_h * g.out_w, 0.0f);
  for (index_t c = 0; c < g.channels; ++c) {
    const float* xc = image + c * g.height * g.width;
    for (index_t i = 0; i < g.kernel_h; ++i) {
      const index_t row_off = i * g.dilation_h - g.pad_h;
      const IndexRange rows = inside(g.height, row_off, sh, g.out_h);
      for (index_t j = 0; j < g.kernel_w; ++j) {
        const float wv = w[(c * g.kernel_h + i) * g.kernel_w + j];
        const index_t col_off = j * g.dilation_w - g.pad_w;
        const IndexRange cols = inside(g.width, col_off, sw, g.out_w);
        if (cols.lo >= cols.hi) continue;
        for (index_t oh = rows.lo; oh < rows.hi; ++oh) {
          const float* xr = xc + (oh * sh + row_off) * g.width + col_off;
          float* yr = plane + oh * g.out_w;
          if (sw == 1) {
            for (index_t ow = cols.lo; ow < cols.hi; ++ow) yr[ow] += wv * xr[ow];
          } else {
            for (index_t ow = cols.lo; ow < cols.hi; ++ow) yr[ow] += wv * xr[ow * sw];
          }
        }
      }
    }
  }
}

void conv2d_strided(index_t rows, index_t filters, const Window2d& g, const float* x, const float* w, float* y) {
  const index_t k = g.channels * g.kernel_h * g.kernel_w, image = g.channels * g.height * g.width;
  const index_t plane_y = g.out_h * g.out_w;
  const double work = static_cast<double>(rows) * static_cast<double>(filters) * static_cast<double>(plane_y) * static_cast<double>(k);
  parallel_for(rows * filters, work, [&](index_t begin, index_t end) {
    for (index_t item = begin; item < end; ++item) {
      const index_t r = item / filters, o = item % filters;
      forward_plane(g, x + r * image, w + o * k, y + item * plane_y);
    }
  });
}

// ---------------------------------------------------------------- weight gradient, stride 1 along rows
//
// Per (o, c) pair, image r and kernel row i, the sums over the output rows oh of one dy row times
// kernelW shifted runs of one padded x row:
//   S[i, j] += Σ_ow dy[r, o, oh, ow] · xp[r, c, oh·strideH + i·dilationH, ow + j·dilationW]
// (output rows whose input row is padding add nothing and are skipped). Each dy vector is loaded
// once and multiplied by kernelW shifted x vectors. A row's last vector (outW not a multiple of
// the vector width) reads values past the row: its products go to accumulators of their own, and
// only their lanes below outW are kept, so whatever was read there (±Inf, NaN) is dropped. Per
// (r, i) the accumulators are added into one float vector per tap, whose lanes are summed in
// double every few images (about kFlushProducts products per lane at most in float).

constexpr index_t kFlushProducts = 1024;

struct GradArgs {
  const float* xp;        // padded images, rows·channels planes of hp × wx
  const float* dy;        // rows·filters planes of outH × outW
  const float* tail;      // the last tail_rows rows of each dy plane, rows of wd values (zeros past outW)
  index_t tail_rows;      // rows of a dy plane whose last vector would read past the plane
  index_t rows, filters, channels;
  index_t plane_x, wx, plane_y, out_h, out_w, wd;
  index_t stride_h, dilation_h, dilation_w, kernel_h;
  index_t vectors;      // vectors of N values per dy row (the last one partial or not)
  index_t valid;        // outputs in a row's last vector, 1 to N
  index_t flush_every;  // images between two flushes into double
  const IndexRange* oh_range;  // per kernel row i: the output rows whose input row is inside the image
};

// part[j] += the products of kernel row i, taps j < KW, for image r of the pair (o, c).
template <int N, int KW>
__attribute__((always_inline)) inline void grad_kernel_row(const GradArgs& a, const float* dy_plane, const float* tail_rows,
                                                           const float* x_plane, index_t i, float* part) {
  typedef typename Vec<N>::type V;
  const V zero{};
  V acc[KW], last[KW];
#pragma GCC unroll 8
  for (int j = 0; j < KW; ++j) acc[j] = last[j] = zero;
  const IndexRange range = a.oh_range[i];
  const index_t full = a.vectors - 1;
  for (index_t oh = range.lo; oh < range.hi; ++oh) {
    const index_t copied = oh - (a.out_h - a.tail_rows);
    const float* d = copied >= 0 ? tail_rows + copied * a.wd : dy_plane + oh * a.out_w;
    const float* xr = x_plane + (oh * a.stride_h + i * a.dilation_h) * a.wx;
    for (index_t v = 0; v < full; ++v) {
      const V dv = load<N>(d + v * N);
#pragma GCC unroll 8
      for (int j = 0; j < KW; ++j) acc[j] += dv * load<N>(xr + v * N + j * a.dilation_w);
    }
    const V dv = load<N>(d + full * N);
#pragma GCC unroll 8
    for (int j = 0; j < KW; ++j) last[j] += dv * load<N>(xr + full * N + j * a.dilation_w);
  }
  typename Vec<N>::mask tail;
#pragma GCC unroll 16
  for (int l = 0; l < N; ++l) tail[l] = l < a.valid ? -1 : 0;
#pragma GCC unroll 8
  for (int j = 0; j < KW; ++j) store<N>(part + j * N, load<N>(part + j * N) + acc[j] + (tail ? last[j] : zero));
}

// sums[i·kernelW + j] = Σ over every image of the pair (o, c), for every tap; part holds taps·N floats.
template <int N>
__attribute__((always_inline)) inline void grad_pair(const GradArgs& a, index_t kernel_w, index_t o, index_t c,
                                                     double* sums, float* part) {
  const index_t taps = a.kernel_h * kernel_w;
  std::fill(sums, sums + taps, 0.0);
  std::fill(part, part + taps * N, 0.0f);
  for (index_t r = 0; r < a.rows; ++r) {
    const float* dy_plane = a.dy + (r * a.filters + o) * a.plane_y;
    const float* tail_rows = a.tail + (r * a.filters + o) * a.tail_rows * a.wd;
    const float* x_plane = a.xp + (r * a.channels + c) * a.plane_x;
    for (index_t i = 0; i < a.kernel_h; ++i) {
      float* p = part + i * kernel_w * N;
      switch (kernel_w) {
        case 1: grad_kernel_row<N, 1>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 2: grad_kernel_row<N, 2>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 3: grad_kernel_row<N, 3>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 4: grad_kernel_row<N, 4>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 5: grad_kernel_row<N, 5>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 6: grad_kernel_row<N, 6>(a, dy_plane, tail_rows, x_plane, i, p); break;
        case 7: grad_kernel_row<N, 7>(a, dy_plane, tail_rows, x_plane, i, p); break;
        default:
          // Wider kernels: one tap at a time.
          for (index_t j = 0; j < kernel_w; ++j) {
            grad_kernel_row<N, 1>(a, dy_plane, tail_rows, x_plane + j * a.dilation_w, i, p + j * N);
          }
      }
    }
    if ((r + 1) % a.flush_every == 0 || r + 1 == a.rows) {
      for (index_t t = 0; t < taps; ++t) {
        double s = 0;
        for (index_t l = 0; l < N; ++l) s += static_cast<double>(part[t * N + l]);
        sums[t] += s;
      }
      std::fill(part, part + taps * N, 0.0f);
    }
  }
}

typedef void (*GradPair)(const GradArgs&, index_t, index_t, index_t, double*, float*);

BACKPROP_AVX512 void grad_pair_avx512(const GradArgs& a, index_t kw, index_t o, index_t c, double* sums, float* part) {
  grad_pair<16>(a, kw, o, c, sums, part);
}
BACKPROP_AVX2 void grad_pair_avx2(const GradArgs& a, index_t kw, index_t o, index_t c, double* sums, float* part) {
  grad_pair<8>(a, kw, o, c, sums, part);
}
void grad_pair_generic(const GradArgs& a, index_t kw, index_t o, index_t c, double* sums, float* part) {
  grad_pair<8>(a, kw, o, c, sums, part);
}

// dw[t] ← beta·dw[t] + alpha·sums[t] for the kernelH·kernelW taps of one (o, c) pair.
void finish_pair(index_t taps, const double* sums, double alpha, double beta, float* dw) {
  for (index_t t = 0; t < taps; ++t) {
    const double grad = alpha * sums[t];
    dw[t] = static_cast<float>(beta == 0 ? grad : beta * static_cast<double>(dw[t]) + grad);
  }
}

void weight_grad_stride1(index_t rows, index_t filters, const Window2d& g, const float* x, const float* dy, double alpha,
                         double beta, float* dw) {
  const Isa isa = gemm_default_config().isa;
  const GradPair grad_pair = isa == Isa::avx512 ? grad_pair_avx512 : isa == Isa::avx2 ? grad_pair_avx2 : grad_pair_generic;
  const index_t lanes = isa == Isa::avx512 ? 16 : 8;
  const index_t wx = g.width + 2 * g.pad_w, hp = g.height + 2 * g.pad_h, plane_x = hp * wx;
  const index_t vectors = (g.out_w + lanes - 1) / lanes, wd = vectors * lanes;
  const index_t image = g.channels * g.height * g.width, plane_y = g.out_h * g.out_w, taps = g.kernel_h * g.kernel_w;
  // Padded copies of every image, and the last rows of every dy plane with zeros after each (the
  // other rows' last vectors read on into the next rows, inside the plane). A row's last vector
  // reads up to wd − outW values past the row: the slack of wd after the last plane covers it.
  std::vector<float> xp(static_cast<std::size_t>(rows * g.channels * plane_x + wd), 0.0f);
  const index_t tail_rows = std::min(g.out_h, (wd + g.out_w - 1) / g.out_w);
  std::vector<float> tail(static_cast<std::size_t>(rows * filters * tail_rows * wd), 0.0f);
  const double copy = static_cast<double>(rows) * static_cast<double>(g.channels * plane_x + filters * tail_rows * wd);
  parallel_for(rows, copy, [&](index_t begin, index_t end) {
    for (index_t r = begin; r < end; ++r) {
      pad_image(g, wx, plane_x, x + r * image, xp.data() + r * g.channels * plane_x);
      for (index_t o = 0; o < filters; ++o) {
        const float* from = dy + (r * filters + o) * plane_y + (g.out_h - tail_rows) * g.out_w;
        float* to = tail.data() + (r * filters + o) * tail_rows * wd;
        for (index_t row = 0; row < tail_rows; ++row) {
          std::memcpy(to + row * wd, from + row * g.out_w, static_cast<std::size_t>(g.out_w) * sizeof(float));
        }
      }
    }
  });
  std::vector<IndexRange> oh_range(static_cast<std::size_t>(g.kernel_h));
  for (index_t i = 0; i < g.kernel_h; ++i) oh_range[i] = inside(g.height, i * g.dilation_h - g.pad_h, g.stride_h, g.out_h);
  GradArgs a{};
  a.xp = xp.data();
  a.dy = dy;
  a.tail = tail.data();
  a.tail_rows = tail_rows;
  a.rows = rows;
  a.filters = filters;
  a.channels = g.channels;
  a.plane_x = plane_x;
  a.wx = wx;
  a.plane_y = plane_y;
  a.out_h = g.out_h;
  a.out_w = g.out_w;
  a.wd = wd;
  a.stride_h = g.stride_h;
  a.dilation_h = g.dilation_h;
  a.dilation_w = g.dilation_w;
  a.kernel_h = g.kernel_h;
  a.vectors = vectors;
  a.valid = g.out_w - (vectors - 1) * lanes;
  a.flush_every = std::max<index_t>(1, kFlushProducts / (g.out_h * vectors));
  a.oh_range = oh_range.data();
  const index_t pairs = filters * g.channels;
  const double work = static_cast<double>(pairs) * static_cast<double>(rows) * static_cast<double>(g.out_h * wd) *
                      static_cast<double>(taps);
  parallel_for(pairs, work, [&](index_t begin, index_t end) {
    std::vector<double> sums(static_cast<std::size_t>(taps));
    std::vector<float> part(static_cast<std::size_t>(taps * lanes));
    for (index_t pair = begin; pair < end; ++pair) {
      grad_pair(a, g.kernel_w, pair / g.channels, pair % g.channels, sums.data(), part.data());
      finish_pair(taps, sums.data(), alpha, beta, dw + pair * taps);
    }
  });
}

// ---------------------------------------------------------------- weight gradient, any stride
//
// Per (o, c) pair and tap (i, j): the output rows and columns whose pixel is inside the image
// (found once per tap), each row's products summed in float, the rows in double.

BACKPROP_VECTORIZE double grad_tap(const Window2d& g, index_t rows, index_t filters, index_t o, index_t c, index_t i,
                                   index_t j, const float* x, const float* dy) {
  const index_t sh = g.stride_h, sw = g.stride_w;
  const index_t row_off = i * g.dilation_h - g.pad_h, col_off = j * g.dilation_w - g.pad_w;
  const IndexRange oh_range = inside(g.height, row_off, sh, g.out_h);
  const IndexRange ow_range = inside(g.width, col_off, sw, g.out_w);
  double sum = 0;
  for (index_t r = 0; r < rows; ++r) {
    const float* xc = x + (r * g.channels + c) * g.height * g.width;
    const float* dp = dy + (r * filters + o) * g.out_h * g.out_w;
    for (index_t oh = oh_range.lo; oh < oh_range.hi; ++oh) {
      const float* xr = xc + (oh * sh + row_off) * g.width + col_off;
      const float* dr = dp + oh * g.out_w;
      float s = 0;
      for (index_t ow = ow_range.lo; ow < ow_range.hi; ++ow) s += dr[ow] * xr[ow * sw];
      sum += s;
    }
  }
  return sum;
}

void weight_grad_strided(index_t rows, index_t filters, const Window2d& g, const float* x, const float* dy, double alpha,
                         double beta, float* dw) {
  const index_t taps = g.kernel_h * g.kernel_w, pairs = filters * g.channels;
  const double work = static_cast<double>(pairs) * static_cast<double>(rows) * static_cast<double>(g.out_h * g.out_w) *
                      static_cast<double>(taps);
  parallel_for(pairs, work, [&](index_t begin, index_t end) {
    std::vector<double> sums(static_cast<std::size_t>(taps));
    for (index_t pair = begin; pair < end; ++pair) {
      const index_t o = pair / g.channels, c = pair % g.channels;
      for (index_t i = 0, t = 0; i < g.kernel_h; ++i)
        for (index_t j = 0; j < g.kernel_w; ++j, ++t) sums[t] = grad_tap(g, rows, filters, o, c, i, j, x, dy);
      finish_pair(taps, sums.data(), alpha, beta, dw + pair * taps);
    }
  });
}

}  // namespace

void conv2d(index_t rows, index_t filters, const Window2d& g, const float* x, const float* w, float* y) {
  if (rows <= 0 || filters <= 0) return;
  if (g.stride_h == 1 && g.stride_w == 1) {
    conv2d_stride1(rows, filters, g, x, w, y);
  } else {
    conv2d_strided(rows, filters, g, x, w, y);
  }
}

void conv2d_weight_grad(index_t rows, index_t filters, const Window2d& g, const float* x, const float* dy, double alpha,
                        double beta, float* dw) {
  if (filters <= 0 || g.channels <= 0) return;
  if (g.stride_w == 1) {
    weight_grad_stride1(rows, filters, g, x, dy, alpha, beta, dw);
  } else {
    weight_grad_strided(rows, filters, g, x, dy, alpha, beta, dw);
  }
}

}  // namespace backprop
