#include "embedding.h"

#include <algorithm>

#include "parallel_for.h"

namespace backprop {
namespace {

// Columns [begin, end) of every row of scatter_add_rows: rows of src in id order, so each table
// value sees its additions in the order i = 0, 1, … whichever thread owns its column.
BACKPROP_VECTORIZE void scatter_columns(index_t begin, index_t end, index_t n, index_t dim, index_t table_rows,
                                        const float* ids, const float* src, double alpha, double beta, float* table) {
  if (beta != 1) {
    for (index_t t = 0; t < table_rows; ++t) {
      float* row = table + t * dim;
      if (beta == 0) {
        std::fill(row + begin, row + end, 0.0f);
      } else {
        for (index_t d = begin; d < end; ++d) row[d] = static_cast<float>(beta * row[d]);
      }
    }
  }
  for (index_t i = 0; i < n; ++i) {
    float* row = table + static_cast<index_t>(ids[i]) * dim;
    const float* from = src + i * dim;
    for (index_t d = begin; d < end; ++d) row[d] = static_cast<float>(row[d] + alpha * from[d]);
  }
}

// Columns per task of a split scatter: a few cache lines, so that threads never share one.
constexpr index_t kColumnBlock = 64;

}  // namespace

void gather_rows(index_t n, index_t dim, const float* table, const float* ids, float* out) {
  parallel_for(n, static_cast<double>(n) * static_cast<double>(dim), [&](index_t begin, index_t end) {
    for (index_t i = begin; i < end; ++i) {
      const float* row = table + static_cast<index_t>(ids[i]) * dim;
      std::copy(row, row + dim, out + i * dim);
    }
  });
}

void scatter_add_rows(index_t n, index_t dim, index_t table_rows, const float* ids, const float* src, double alpha,
                      double beta, float* table) {
  // Split by blocks of columns: rows may repeat, so splitting by id would make threads race.
  const index_t blocks = (dim + kColumnBlock - 1) / kColumnBlock;
  const double work = static_cast<double>(n + (beta != 1 ? table_rows : 0)) * static_cast<double>(dim);
  parallel_for(blocks, work, [&](index_t begin, index_t end) {
    scatter_columns(begin * kColumnBlock, std::min(dim, end * kColumnBlock), n, dim, table_rows, ids, src, alpha, beta,
                    table);
  });
}

}  // namespace backprop
