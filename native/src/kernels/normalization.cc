#include "normalization.h"

#include "parallel_for.h"

namespace backprop {
namespace {

// Eight partial sums in double, value k of a run going to lane k mod 8: independent chains that
// fill two AVX registers, added in a fixed order (no -ffast-math), so a channel's result does not
// depend on the thread count.
constexpr int kLanes = 8;

// Σ term(k) over channel c's values k = (r·channels + c)·spatial + s, row by row.
template <class Term>
BACKPROP_VECTORIZE double channel_sum(index_t rows, index_t channels, index_t spatial, index_t c, const Term& term) {
  double lane[kLanes] = {};
  for (index_t r = 0; r < rows; ++r) {
    const index_t base = (r * channels + c) * spatial;
    index_t s = 0;
    for (; s + kLanes <= spatial; s += kLanes) {
      for (int l = 0; l < kLanes; ++l) lane[l] += term(base + s + l);
    }
    for (int l = 0; s < spatial; ++s, ++l) lane[l] += term(base + s);
  }
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

// Splits the channels over threads; `work` is the element operations per channel.
template <class ChannelFn>
void for_channels(index_t channels, double work, const ChannelFn& channel_fn) {
  parallel_for(channels, static_cast<double>(channels) * work, [&](index_t begin, index_t end) {
    for (index_t c = begin; c < end; ++c) channel_fn(c);
  });
}

struct Value {
  const float* x;
  double operator()(index_t k) const { return x[k]; }
};

struct SquaredDeviation {
  const float* x;
  double mu;
  double operator()(index_t k) const {
    const double d = x[k] - mu;
    return d * d;
  }
};

struct Product {
  const float* a;
  const float* b;
  double operator()(index_t k) const { return static_cast<double>(a[k]) * b[k]; }
};

// Rows [begin, end) of channel_affine. x·scale is exact in double, so y is x·scale + shift rounded
// once, as the TS backend computes it.
BACKPROP_VECTORIZE void affine_rows(index_t begin, index_t end, index_t channels, index_t spatial, const float* x,
                                    const float* scale, const float* shift, float* y) {
  for (index_t r = begin; r < end; ++r) {
    const index_t row = r * channels * spatial;
    if (spatial == 1) {
      for (index_t c = 0; c < channels; ++c) y[row + c] = static_cast<float>(static_cast<double>(x[row + c]) * scale[c] + shift[c]);
      continue;
    }
    for (index_t c = 0; c < channels; ++c) {
      const double a = scale[c], b = shift[c];
      const index_t base = row + c * spatial;
      for (index_t k = base; k < base + spatial; ++k) y[k] = static_cast<float>(x[k] * a + b);
    }
  }
}

// Rows [begin, end) of normalize_backward.
BACKPROP_VECTORIZE void normalize_rows(index_t begin, index_t end, index_t channels, index_t spatial, double inv_n,
                                       const float* xhat, const float* g, const float* scale, const float* sum_g,
                                       const float* sum_gxhat, float* dx) {
  for (index_t r = begin; r < end; ++r) {
    for (index_t c = 0; c < channels; ++c) {
      const index_t base = (r * channels + c) * spatial;
      const double s = scale[c], sg = sum_g[c], sgx = sum_gxhat[c];
      for (index_t k = base; k < base + spatial; ++k) dx[k] = static_cast<float>(s * (g[k] - (sg + xhat[k] * sgx) * inv_n));
    }
  }
}

}  // namespace

void channel_moments(index_t rows, index_t channels, index_t spatial, const float* x, float* mean, float* variance) {
  const double n = static_cast<double>(rows * spatial);
  for_channels(channels, 2 * n, [&](index_t c) {
    const double mu = channel_sum(rows, channels, spatial, c, Value{x}) / n;
    mean[c] = static_cast<float>(mu);
    variance[c] = static_cast<float>(channel_sum(rows, channels, spatial, c, SquaredDeviation{x, mu}) / n);
  });
}

void channel_affine(index_t rows, index_t channels, index_t spatial, const float* x, const float* scale,
                    const float* shift, float* y) {
  parallel_for(rows, static_cast<double>(rows) * static_cast<double>(channels * spatial), [&](index_t begin, index_t end) {
    affine_rows(begin, end, channels, spatial, x, scale, shift, y);
  });
}

void channel_sums(index_t rows, index_t channels, index_t spatial, const float* a, const float* b, float* sum_a,
                  float* sum_ab) {
  for_channels(channels, 2.0 * static_cast<double>(rows * spatial), [&](index_t c) {
    sum_a[c] = static_cast<float>(channel_sum(rows, channels, spatial, c, Value{a}));
    sum_ab[c] = static_cast<float>(channel_sum(rows, channels, spatial, c, Product{a, b}));
  });
}

void normalize_backward(index_t rows, index_t channels, index_t spatial, const float* xhat, const float* g,
                        const float* scale, const float* sum_g, const float* sum_gxhat, float* dx) {
  const double inv_n = 1.0 / static_cast<double>(rows * spatial);
  parallel_for(rows, static_cast<double>(rows) * static_cast<double>(channels * spatial), [&](index_t begin, index_t end) {
    normalize_rows(begin, end, channels, spatial, inv_n, xhat, g, scale, sum_g, sum_gxhat, dx);
  });
}

}  // namespace backprop
