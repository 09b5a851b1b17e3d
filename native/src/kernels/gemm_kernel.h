// Internal interface between the GEMM driver (gemm.cc: threads, sub-problems) and the
// per-ISA blocked kernels (gemm_<isa>.cc, each compiled with its own -m flags).
#pragma once

#include "isa.h"
#include "types.h"

namespace backprop {

/** One GEMM on a sub-rectangle of C; lda/ldb/ldc are row strides in elements. */
struct GemmProblem {
  bool trans_a;
  bool trans_b;
  index_t m, n, k;
  float alpha;
  const float* a;
  index_t lda;
  const float* b;
  index_t ldb;
  float beta;
  float* c;
  index_t ldc;
};

/** A blocked GEMM compiled for one instruction set, with its register tile and cache blocks. */
struct GemmKernel {
  Isa isa;
  int mr, nr;          // register tile of the micro-kernel (C rows × C columns)
  index_t mc, kc, nc;  // cache blocks: A block mc×kc (L2), B block kc×nc (L3), B micro-panel kc×nr (L1)
  /** Runs P (m, n, k ≥ 1) using `pack` (gemm_pack_floats(P) floats, 64-byte aligned) as scratch. */
  void (*run)(const GemmProblem& problem, float* pack);
};

/** Scratch floats `kernel.run` needs for a problem of this size (A block + B block, aligned). */
index_t gemm_pack_floats(const GemmKernel& kernel, index_t m, index_t n, index_t k);

const GemmKernel& gemm_kernel_generic();
#if defined(__x86_64__)
const GemmKernel& gemm_kernel_avx2();
const GemmKernel& gemm_kernel_avx512();
#endif
#if defined(__wasm_simd128__)
const GemmKernel& gemm_kernel_simd128();
#endif

/** Tasks per thread a parallel GEMM is cut into (default 2; for benchmarks). */
void set_gemm_tasks_per_thread(int tasks);

/** The kernel for `isa` (must be supported by the build). */
const GemmKernel& gemm_kernel(Isa isa);

}  // namespace backprop

namespace backprop {

/** Cache blocks actually used for one problem, and the scratch they need. */
struct GemmBlocks {
  index_t mc, kc;              // balanced: equal-sized blocks instead of a short last one
  index_t a_floats, b_floats;  // room for the packed A and B blocks, each a multiple of 16 floats
};

// static inline: every ISA translation unit gets its own copy compiled with its own flags.
static inline GemmBlocks gemm_blocks(int mr, int nr, index_t MC, index_t KC, index_t NC, index_t m, index_t n,
                                     index_t k) {
  const auto ceil_div = [](index_t x, index_t y) { return (x + y - 1) / y; };
  const auto round_up = [&](index_t x, index_t y) { return ceil_div(x, y) * y; };
  GemmBlocks blocks;
  blocks.kc = ceil_div(k, ceil_div(k, KC));
  blocks.mc = round_up(ceil_div(m, ceil_div(m, MC)), mr);
  // Sized for the largest block any m' ≤ m could use (the balanced mc is not monotone in m),
  // so that scratch sized for a bigger sub-problem always fits a smaller one.
  const index_t mc_max = round_up(m, mr) < MC ? round_up(m, mr) : MC;
  blocks.a_floats = round_up(mc_max * blocks.kc, 16);
  blocks.b_floats = round_up(blocks.kc * round_up(n < NC ? n : NC, nr), 16);
  return blocks;
}

}  // namespace backprop
