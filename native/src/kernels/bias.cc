#include "bias.h"

namespace backprop {

BACKPROP_VECTORIZE void add_row_vector(index_t rows, index_t cols, float* __restrict x, const float* __restrict v) {
  for (index_t i = 0; i < rows; ++i) {
    float* row = x + i * cols;
    for (index_t j = 0; j < cols; ++j) row[j] += v[j];
  }
}

BACKPROP_VECTORIZE void sum_rows(index_t rows, index_t cols, const float* __restrict x, double beta, float* __restrict out) {
  // Column sums accumulate row by row into out itself (float), as the TS backend does,
  // so both backends round identically; the loop over j vectorises.
  if (beta == 0) {
    for (index_t j = 0; j < cols; ++j) out[j] = 0;
  } else if (beta != 1) {
    for (index_t j = 0; j < cols; ++j) out[j] = static_cast<float>(beta * out[j]);
  }
  for (index_t i = 0; i < rows; ++i) {
    const float* row = x + i * cols;
    for (index_t j = 0; j < cols; ++j) out[j] += row[j];
  }
}

}  // namespace backprop
