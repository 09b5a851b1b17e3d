// Per-channel moments, affine map, sums and the normalisation backward against float64
// references, for convolution-like (spatial > 1), dense-like (spatial = 1) and layer-norm-like
// (1 × rows × cols) layouts; in place where allowed; the same bits on one thread and several.
#include <cmath>

#include "check.h"
#include "gemm.h"
#include "normalization.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

namespace {

void set_threads(int threads) { set_gemm_default_config(GemmConfig{gemm_default_config().isa, threads}); }

std::size_t at(index_t r, index_t c, index_t s, index_t channels, index_t spatial) {
  return static_cast<std::size_t>((r * channels + c) * spatial + s);
}

}  // namespace

int main() {
  Random rng(3);
  struct Layout {
    index_t rows, channels, spatial;
  };
  for (const Layout& l : {Layout{1, 1, 1}, Layout{3, 4, 5}, Layout{2, 3, 17}, Layout{5, 7, 1}, Layout{1, 6, 33},
                          Layout{16, 6, 100}, Layout{64, 120, 1}}) {
    const index_t rows = l.rows, channels = l.channels, spatial = l.spatial;
    const std::size_t n = static_cast<std::size_t>(rows * channels * spatial), nc = static_cast<std::size_t>(channels);
    const double count = static_cast<double>(rows * spatial);
    // An offset mean: a one-pass variance would lose digits here, the two-pass one must not.
    const std::vector<float> x = rng.vector(n, 100, 101);
    std::vector<double> want_mean(nc, 0.0), want_var(nc, 0.0);
    for (index_t c = 0; c < channels; ++c) {
      for (index_t r = 0; r < rows; ++r)
        for (index_t s = 0; s < spatial; ++s) want_mean[c] += x[at(r, c, s, channels, spatial)];
      want_mean[c] /= count;
      for (index_t r = 0; r < rows; ++r)
        for (index_t s = 0; s < spatial; ++s) want_var[c] += std::pow(x[at(r, c, s, channels, spatial)] - want_mean[c], 2);
      want_var[c] /= count;
    }
    std::vector<float> mean(nc, NAN), var(nc, NAN);
    channel_moments(rows, channels, spatial, x.data(), mean.data(), var.data());
    all_close("channelMoments mean", mean.data(), want_mean.data(), nc, 1e-7, 0);
    all_close("channelMoments variance", var.data(), want_var.data(), nc, 1e-6, 1e-12);

    const std::vector<float> scale = rng.vector(nc), shift = rng.vector(nc);
    std::vector<double> want(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t c = k / static_cast<std::size_t>(spatial) % nc;
      want[k] = static_cast<double>(x[k]) * scale[c] + shift[c];
    }
    std::vector<float> y = x;  // in place
    channel_affine(rows, channels, spatial, y.data(), scale.data(), shift.data(), y.data());
    all_close("channelAffine", y.data(), want.data(), n, 1e-7, 0);

    const std::vector<float> a = rng.vector(n), b = rng.vector(n);
    std::vector<double> want_a(nc, 0.0), want_ab(nc, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t c = k / static_cast<std::size_t>(spatial) % nc;
      want_a[c] += a[k];
      want_ab[c] += static_cast<double>(a[k]) * b[k];
    }
    std::vector<float> sum_a(nc, NAN), sum_ab(nc, NAN);
    channel_sums(rows, channels, spatial, a.data(), b.data(), sum_a.data(), sum_ab.data());
    all_close("channelSums a", sum_a.data(), want_a.data(), nc, 1e-6, 1e-6);
    all_close("channelSums ab", sum_ab.data(), want_ab.data(), nc, 1e-6, 1e-6);

    // dx = scale·(g − (sumG + x̂·sumGXhat) / N), written over g.
    std::vector<float> g = a;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t c = k / static_cast<std::size_t>(spatial) % nc;
      want[k] = scale[c] * (a[k] - (sum_a[c] + static_cast<double>(b[k]) * sum_ab[c]) / count);
    }
    normalize_backward(rows, channels, spatial, b.data(), g.data(), scale.data(), sum_a.data(), sum_ab.data(), g.data());
    all_close("normalizeBackward", g.data(), want.data(), n, 1e-5, 1e-6);
  }

  // No values per channel (rows = 0): the sums are 0 and the moments 0/0 = NaN.
  {
    float mean[2] = {1, 1}, var[2] = {1, 1}, sum_a[2] = {1, 1}, sum_ab[2] = {1, 1};
    channel_moments(0, 2, 5, nullptr, mean, var);
    channel_sums(0, 2, 5, nullptr, nullptr, sum_a, sum_ab);
    CHECK(std::isnan(mean[0]) && std::isnan(var[1]), "channelMoments of nothing: %g, %g", mean[0], var[1]);
    CHECK(sum_a[0] == 0 && sum_ab[1] == 0, "channelSums of nothing: %g, %g", sum_a[0], sum_ab[1]);
  }

  // Split over threads (large enough): the same bits on 1 and 3 threads.
  {
    const index_t rows = 32, channels = 8, spatial = 900;
    const std::size_t n = static_cast<std::size_t>(rows * channels * spatial);
    const std::vector<float> x = rng.vector(n), g = rng.vector(n), scale = rng.vector(8), shift = rng.vector(8);
    std::vector<float> out[2][6];
    const int before = gemm_default_config().threads;
    for (int t = 0; t < 2; ++t) {
      set_threads(t == 0 ? 1 : 3);
      for (auto& v : out[t]) v.assign(n, 0.0f);
      channel_moments(rows, channels, spatial, x.data(), out[t][0].data(), out[t][1].data());
      channel_sums(rows, channels, spatial, g.data(), x.data(), out[t][2].data(), out[t][3].data());
      channel_affine(rows, channels, spatial, x.data(), scale.data(), shift.data(), out[t][4].data());
      normalize_backward(rows, channels, spatial, x.data(), g.data(), scale.data(), out[t][2].data(), out[t][3].data(),
                         out[t][5].data());
    }
    set_threads(before);
    for (int k = 0; k < 6; ++k) CHECK(out[0][k] == out[1][k], "normalisation output %d differs between 1 and 3 threads", k);
  }
  return backprop_test::finish("normalization_test");
}
