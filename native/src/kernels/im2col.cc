#include "im2col.h"

#include <algorithm>
#include <cstring>

#include "parallel_for.h"

namespace backprop {
namespace {

// im2col and col2im walk one image's block of cols in the same order, every entry once, in
// increasing address order: output position (oh, ow), then channel c, then kernel row i, then a
// run of taps j. For each position the kernel rows i whose pixel row lies in the image and the
// taps j whose pixel column does are found once (`inside`, with no test per pixel), so each run
// is a straight copy (or add) over one image row. For most positions every tap column is inside
// the image (all but a border of about padW / strideW on each side); with dilationW = 1 their
// kernel rows in the image are contiguous runs of exactly kernelW pixels, handled by Move::whole
// with the width KW known at compile time (KW = 0 for widths above 8: read g.kernel_w).
template <index_t KW, class Move>
void walk_image(const Window2d& g, Move& move) {
  const index_t kh = g.kernel_h, kw = KW != 0 ? KW : g.kernel_w, dh = g.dilation_h, dw = g.dilation_w;
  const index_t plane = g.height * g.width, k = g.channels * kh * kw;
  const IndexRange first_tap = inside(g.width, -g.pad_w, g.stride_w, g.out_w);
  const IndexRange last_tap = inside(g.width, -g.pad_w + (kw - 1) * dw, g.stride_w, g.out_w);
  const index_t inner_lo = std::max(first_tap.lo, last_tap.lo), inner_hi = std::min(first_tap.hi, last_tap.hi);
  index_t col = 0;  // the next entry of the image's block of cols
  for (index_t oh = 0; oh < g.out_h; ++oh) {
    const index_t ih0 = oh * g.stride_h - g.pad_h;
    const IndexRange rows = inside(g.height, ih0, dh, kh);
    for (index_t ow = 0; ow < g.out_w; ++ow, col += k) {
      const index_t iw0 = ow * g.stride_w - g.pad_w;
      const bool all_taps = ow >= inner_lo && ow < inner_hi;
      if (KW != 0 && dw == 1 && all_taps) {
        move.template whole<KW>(iw0, plane, g.width, ih0, dh, rows, kh, g.channels, col);
        continue;
      }
      const IndexRange taps = all_taps ? IndexRange{0, kw} : inside(g.width, iw0, dw, kw);
      index_t at = col;
      for (index_t c = 0; c < g.channels; ++c) {
        move.pad(at, rows.lo * kw);
        at += rows.lo * kw;
        for (index_t i = rows.lo; i < rows.hi; ++i, at += kw) {
          move.pad(at, taps.lo);
          if (taps.lo < taps.hi) {
            move.run(c * plane + (ih0 + i * dh) * g.width + iw0 + taps.lo * dw, dw, at + taps.lo, taps.hi - taps.lo);
          }
          move.pad(at + taps.hi, kw - taps.hi);
        }
        move.pad(at, (kh - rows.hi) * kw);
        at += (kh - rows.hi) * kw;
      }
    }
  }
}

// Zeros n floats; most calls have n = 0, which then costs no call to memset.
inline void zero(float* to, index_t n) {
  if (n > 0) std::fill(to, to + n, 0.0f);
}

// Runs walk_image with the kernel width as a constant for the widths up to 8.
template <class Move>
void walk(const Window2d& g, Move& move) {
  switch (g.kernel_w) {
    case 1: return walk_image<1>(g, move);
    case 2: return walk_image<2>(g, move);
    case 3: return walk_image<3>(g, move);
    case 4: return walk_image<4>(g, move);
    case 5: return walk_image<5>(g, move);
    case 6: return walk_image<6>(g, move);
    case 7: return walk_image<7>(g, move);
    case 8: return walk_image<8>(g, move);
    default: return walk_image<0>(g, move);
  }
}

// im2col on one image: copy pixels into cols, zeros for the padding.
struct Gather {
  const float* image;
  float* cols;

  void pad(index_t at, index_t n) const { zero(cols + at, n); }
  void run(index_t pixel, index_t step, index_t at, index_t n) const {
    for (index_t j = 0; j < n; ++j) cols[at + j] = image[pixel + j * step];
  }
  // A position whose taps are all inside the image: in each channel, the kernel rows i in `rows`
  // (pixel row ih0 + i·dh of width `width`, from column iw0) are copied as runs of KW values, the
  // others are zeros.
  template <index_t KW>
  void whole(index_t iw0, index_t plane, index_t width, index_t ih0, index_t dh, IndexRange rows, index_t kh,
             index_t channels, index_t at) const {
    float* to = cols + at;
    for (index_t c = 0; c < channels; ++c) {
      zero(to, rows.lo * KW);
      to += rows.lo * KW;
      if (rows.lo < rows.hi) {
        const float* row = image + c * plane + (ih0 + rows.lo * dh) * width + iw0;
        for (index_t i = rows.lo; i < rows.hi; ++i, row += dh * width, to += KW) std::memcpy(to, row, KW * sizeof(float));
      }
      zero(to, (kh - rows.hi) * KW);
      to += (kh - rows.hi) * KW;
    }
  }
};

// col2im on one image: add cols into the pixels they came from; entries from the padding are dropped.
struct Scatter {
  float* image;
  const float* cols;

  void pad(index_t, index_t) const {}
  void run(index_t pixel, index_t step, index_t at, index_t n) const {
    for (index_t j = 0; j < n; ++j) image[pixel + j * step] += cols[at + j];
  }
  template <index_t KW>
  void whole(index_t iw0, index_t plane, index_t width, index_t ih0, index_t dh, IndexRange rows, index_t kh,
             index_t channels, index_t at) const {
    const float* from = cols + at;
    for (index_t c = 0; c < channels; ++c) {
      from += rows.lo * KW;
      if (rows.lo < rows.hi) {
        float* row = image + c * plane + (ih0 + rows.lo * dh) * width + iw0;
        for (index_t i = rows.lo; i < rows.hi; ++i, row += dh * width, from += KW) {
          for (index_t j = 0; j < KW; ++j) row[j] += from[j];
        }
      }
      from += (kh - rows.hi) * KW;
    }
  }
};

// Square tiles of a transpose: a tile's rows of x and of y stay in L1 while it is copied.
constexpr index_t kTile = 32;

// Blocks of a transpose this long or longer are copied with one memcpy each.
constexpr index_t kBlockCopy = 16;

}  // namespace

void im2col(index_t rows, const Window2d& g, const float* x, float* cols) {
  const index_t image = g.channels * g.height * g.width;
  const index_t patches = g.out_h * g.out_w * g.channels * g.kernel_h * g.kernel_w;
  parallel_for(rows, static_cast<double>(rows) * static_cast<double>(patches), [&](index_t begin, index_t end) {
    for (index_t r = begin; r < end; ++r) {
      Gather move{x + r * image, cols + r * patches};
      walk(g, move);
    }
  });
}

void col2im(index_t rows, const Window2d& g, const float* cols, double beta, float* dx) {
  const index_t image = g.channels * g.height * g.width;
  const index_t patches = g.out_h * g.out_w * g.channels * g.kernel_h * g.kernel_w;
  parallel_for(rows, static_cast<double>(rows) * static_cast<double>(patches + image), [&](index_t begin, index_t end) {
    for (index_t r = begin; r < end; ++r) {
      float* out = dx + r * image;
      if (beta == 0) {
        std::fill(out, out + image, 0.0f);
      } else if (beta != 1) {
        for (index_t k = 0; k < image; ++k) out[k] = static_cast<float>(beta * out[k]);
      }
      Scatter move{out, cols + r * patches};
      walk(g, move);
    }
  });
}

void transpose_batch(index_t batch, index_t r, index_t c, index_t inner, const float* x, float* y) {
  const index_t size = r * c * inner;
  const double work = static_cast<double>(batch) * static_cast<double>(size);
  if (inner >= kBlockCopy) {
    // One item per row (b, i) of x: its c blocks are contiguous copies to column i of y[b].
    const index_t block_bytes = inner * static_cast<index_t>(sizeof(float));
    parallel_for(batch * r, work, [&](index_t begin, index_t end) {
      for (index_t item = begin; item < end; ++item) {
        const index_t b = item / r, i = item % r;
        const float* from = x + item * c * inner;
        float* to = y + b * size + i * inner;
        for (index_t j = 0; j < c; ++j) std::memcpy(to + j * r * inner, from + j * inner, static_cast<std::size_t>(block_bytes));
      }
    });
    return;
  }
  // One item per band of kTile rows of one matrix: each writes its own columns of y[b].
  const index_t bands = (r + kTile - 1) / kTile;
  parallel_for(batch * bands, work, [&](index_t begin, index_t end) {
    for (index_t item = begin; item < end; ++item) {
      const index_t b = item / bands, i0 = item % bands * kTile, i1 = std::min(r, i0 + kTile);
      const float* xb = x + b * size;
      float* yb = y + b * size;
      if (inner == 1) {
        for (index_t j0 = 0; j0 < c; j0 += kTile) {
          const index_t j1 = std::min(c, j0 + kTile);
          for (index_t j = j0; j < j1; ++j) {
            float* column = yb + j * r;
            for (index_t i = i0; i < i1; ++i) column[i] = xb[i * c + j];
          }
        }
        continue;
      }
      for (index_t j0 = 0; j0 < c; j0 += kTile) {
        const index_t j1 = std::min(c, j0 + kTile);
        for (index_t j = j0; j < j1; ++j) {
          float* column = yb + j * r * inner;
          for (index_t i = i0; i < i1; ++i) {
            const float* block = xb + (i * c + j) * inner;
            float* to = column + i * inner;
            for (index_t k = 0; k < inner; ++k) to[k] = block[k];
          }
        }
      }
    }
  });
}

}  // namespace backprop
