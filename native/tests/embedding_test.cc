// gatherRows and scatterAddRows against float64 references: repeated ids accumulate in id order,
// beta = 0 ignores NaN in the table, and a scatter split over threads by columns gives the same
// bits as one thread.
#include <cmath>

#include "check.h"
#include "embedding.h"
#include "gemm.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

namespace {

void set_threads(int threads) { set_gemm_default_config(GemmConfig{gemm_default_config().isa, threads}); }

}  // namespace

int main() {
  Random rng(17);
  for (index_t dim : {1, 3, 16, 70}) {
    for (index_t table_rows : {1, 5}) {
      const index_t n = 9;
      const std::vector<float> table = rng.vector(static_cast<std::size_t>(table_rows * dim));
      std::vector<float> ids(static_cast<std::size_t>(n));
      for (index_t i = 0; i < n; ++i) ids[i] = static_cast<float>((i * 3 + 1) % table_rows);  // repeats
      std::vector<float> out(static_cast<std::size_t>(n * dim), NAN);
      std::vector<double> want(out.size());
      for (index_t i = 0; i < n; ++i)
        for (index_t d = 0; d < dim; ++d) want[i * dim + d] = table[static_cast<std::size_t>(ids[i]) * dim + d];
      gather_rows(n, dim, table.data(), ids.data(), out.data());
      all_close("gatherRows", out.data(), want.data(), out.size(), 0, 0);

      const std::vector<float> src = rng.vector(out.size());
      for (double beta : {0.0, 1.0, 0.25}) {
        std::vector<float> t = table;
        if (beta == 0) t.assign(t.size(), NAN);
        std::vector<double> want_t(t.size());
        for (std::size_t k = 0; k < t.size(); ++k) want_t[k] = beta == 0 ? 0.0 : beta * t[k];
        for (index_t i = 0; i < n; ++i)
          for (index_t d = 0; d < dim; ++d) want_t[static_cast<std::size_t>(ids[i]) * dim + d] += -1.5 * src[i * dim + d];
        scatter_add_rows(n, dim, table_rows, ids.data(), src.data(), -1.5, beta, t.data());
        all_close("scatterAddRows", t.data(), want_t.data(), t.size(), 1e-6, 1e-6);
      }
    }
  }

  // n = 0: the table is only scaled by beta.
  {
    float t[3] = {1, 2, 4};
    const double want[3] = {0.5, 1, 2};
    scatter_add_rows(0, 3, 1, nullptr, nullptr, 1, 0.5, t);
    all_close("scatterAddRows (n = 0)", t, want, 3, 0, 0);
  }

  // Split over threads (large enough): the same bits on 1 and 3 threads.
  {
    const index_t n = 2000, dim = 300, table_rows = 50;
    std::vector<float> ids(static_cast<std::size_t>(n));
    for (index_t i = 0; i < n; ++i) ids[i] = static_cast<float>((i * 7) % table_rows);
    const std::vector<float> src = rng.vector(static_cast<std::size_t>(n * dim)), table = rng.vector(static_cast<std::size_t>(table_rows * dim));
    std::vector<float> scattered[2], gathered[2];
    const int before = gemm_default_config().threads;
    for (int t = 0; t < 2; ++t) {
      set_threads(t == 0 ? 1 : 3);
      scattered[t] = table;
      scatter_add_rows(n, dim, table_rows, ids.data(), src.data(), 0.5, 0.9, scattered[t].data());
      gathered[t].assign(src.size(), 0.0f);
      gather_rows(n, dim, table.data(), ids.data(), gathered[t].data());
    }
    set_threads(before);
    CHECK(scattered[0] == scattered[1], "scatterAddRows differs between 1 and 3 threads");
    CHECK(gathered[0] == gathered[1], "gatherRows differs between 1 and 3 threads");
  }
  return backprop_test::finish("embedding_test");
}
