// Single-precision GEMM: C = alpha·op(A)·op(B) + beta·C, row-major, written like a BLAS:
// cache-blocked loops over packed panels of A and B, a register-tiled SIMD micro-kernel
// per instruction set, and a persistent thread pool for large problems.
#pragma once

#include "isa.h"
#include "types.h"

namespace backprop {

/** How a GEMM call runs. */
struct GemmConfig {
  /** Micro-kernel family; must be supported by this CPU (see isa_supported). */
  Isa isa;
  /** Threads (the caller included) a large problem may use; ≥ 1. */
  int threads;
};

/** The process-wide configuration: best ISA, threads = CPUs this process may run on. */
GemmConfig gemm_default_config();

/** Replaces the process-wide configuration (threads clamped to [1, 256]). */
void set_gemm_default_config(GemmConfig config);

/** CPUs this process may run on (its affinity mask), at least 1. */
int available_cpus();

/**
 * C = alpha·op(A)·op(B) + beta·C. op(A) is m×k (A stored m×k, or k×m when trans_a),
 * op(B) is k×n (B stored k×n, or n×k when trans_b), C is m×n; all dense row-major.
 * beta = 0 overwrites C without reading it (NaN in C is ignored); alpha = 0 or k = 0
 * only scales C. C must not overlap A or B.
 */
void gemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a, const float* b,
          float beta, float* c);

/** The same with an explicit configuration (the tests run every ISA and thread count). */
void gemm(const GemmConfig& config, bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha,
          const float* a, const float* b, float beta, float* c);

}  // namespace backprop
