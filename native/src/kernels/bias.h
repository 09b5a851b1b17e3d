// Bias add and its gradient.
#pragma once

#include "types.h"

namespace backprop {

/** x[i, j] += v[j] for a rows×cols row-major x. */
void add_row_vector(index_t rows, index_t cols, float* x, const float* v);
/** out[j] = beta·out[j] + Σ_i x[i, j]; beta = 0 overwrites (old out, even NaN, ignored). */
void sum_rows(index_t rows, index_t cols, const float* x, double beta, float* out);

}  // namespace backprop
