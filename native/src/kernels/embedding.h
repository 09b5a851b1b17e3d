// Embedding lookups: a row gather and its adjoint, a row scatter-add. Ids are float row indices
// that the caller has checked to be integers in [0, table_rows).
#pragma once

#include "types.h"

namespace backprop {

/** out[i, :] = table[ids[i], :] for n ids, dim values per row; out must not overlap table or ids. */
void gather_rows(index_t n, index_t dim, const float* table, const float* ids, float* out);

/**
 * table ← beta·table (beta = 0 overwrites, ignoring old contents), then table[ids[i], :] += alpha·src[i, :]
 * for i = 0, 1, … in order, so repeated ids accumulate in a fixed order. table must not overlap ids or src.
 */
void scatter_add_rows(index_t n, index_t dim, index_t table_rows, const float* ids, const float* src, double alpha,
                      double beta, float* table);

}  // namespace backprop
