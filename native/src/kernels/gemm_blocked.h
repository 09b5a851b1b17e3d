// The blocked GEMM algorithm (Goto / BLIS loop nest), included once by each ISA translation
// unit after it defines:
//   BACKPROP_GEMM_NS         namespace for this copy (each TU is compiled with its own -m flags,
//                            so nothing here may be shared between TUs: everything is static)
//   BACKPROP_GEMM_ISA        the Isa enumerator it is compiled for
//   BACKPROP_GEMM_VEC_BYTES  SIMD register width in bytes (16, 32, 64)
//   BACKPROP_GEMM_MR         micro-tile rows (broadcast from packed A)
//   BACKPROP_GEMM_NV         micro-tile width in SIMD registers (NR = NV · lanes, loaded from packed B)
//   BACKPROP_GEMM_MC, _KC, _NC  cache blocks
//
// Loop nest, for C (m×n) += op(A) (m×k) · op(B) (k×n):
//   for jc in n by NC:                 B block (KC×NC) lives in L3
//     for pc in k by KC:               pack op(B)[pc:, jc:] into NR-wide micro-panels
//       for ic in m by MC:             pack op(A)[ic:, pc:] into MR-tall micro-panels (L2)
//         for jr in NC by NR:          one B micro-panel (KC×NR) stays in L1 ...
//           for ir in MC by MR:        ... while A micro-panels stream from L2
//             micro-kernel: C[ir:ir+MR, jr:jr+NR] = alpha·Σ_p a[:,p] b[p,:] + beta·C
// Both transpose flags are absorbed by the packing routines; edges are zero-padded in the
// packed panels, so the micro-kernel always computes full tiles and only its store is partial.
// C is written once per KC block: beta on the first, 1 on the others.
#pragma once

#include <cstring>

#include "gemm_kernel.h"

namespace backprop {
namespace BACKPROP_GEMM_NS {
namespace {

typedef float vec __attribute__((vector_size(BACKPROP_GEMM_VEC_BYTES)));
// The same vector with 4-byte alignment, for loads and stores into C (any address).
typedef float vec_u __attribute__((vector_size(BACKPROP_GEMM_VEC_BYTES), aligned(4)));

constexpr int W = BACKPROP_GEMM_VEC_BYTES / 4;
constexpr int MR = BACKPROP_GEMM_MR;
constexpr int NV = BACKPROP_GEMM_NV;
constexpr int NR = NV * W;
constexpr index_t MC = BACKPROP_GEMM_MC;
constexpr index_t KC = BACKPROP_GEMM_KC;
constexpr index_t NC = BACKPROP_GEMM_NC;
static_assert(MC % MR == 0 && NC % NR == 0, "cache blocks must be whole micro-tiles");

inline index_t min_index(index_t a, index_t b) { return a < b ? a : b; }

// Packs the mc×kc block of op(A) at (i0, p0): micro-panel r holds, for p = 0..kc−1, the MR
// values op(A)[i0 + r·MR + i, p0 + p] contiguously; rows past mc are zero.
void pack_a(const GemmProblem& P, index_t i0, index_t p0, index_t mc, index_t kc, float* __restrict dst) {
  for (index_t ir = 0; ir < mc; ir += MR) {
    const int rows = static_cast<int>(min_index(MR, mc - ir));
    float* __restrict panel = dst + ir * kc;
    if (!P.trans_a) {
      // op(A)[i, p] = a[i·lda + p]: read MR rows side by side, write each p's MR values.
      const float* src[MR];
      for (int i = 0; i < MR; ++i) src[i] = P.a + (i0 + ir + (i < rows ? i : 0)) * P.lda + p0;
      if (rows == MR) {
        for (index_t p = 0; p < kc; ++p) {
#pragma GCC unroll 16
          for (int i = 0; i < MR; ++i) panel[p * MR + i] = src[i][p];
        }
      } else {
        for (index_t p = 0; p < kc; ++p) {
          for (int i = 0; i < MR; ++i) panel[p * MR + i] = i < rows ? src[i][p] : 0.0f;
        }
      }
    } else {
      // op(A)[i, p] = a[p·lda + i]: each p's MR values are contiguous in A.
      for (index_t p = 0; p < kc; ++p) {
        const float* src = P.a + (p0 + p) * P.lda + i0 + ir;
        if (rows == MR) {
          std::memcpy(panel + p * MR, src, sizeof(float) * MR);
        } else {
          for (int i = 0; i < MR; ++i) panel[p * MR + i] = i < rows ? src[i] : 0.0f;
        }
      }
    }
  }
}

// Packs the kc×nc block of op(B) at (p0, j0): micro-panel r holds, for p = 0..kc−1, the NR
// values op(B)[p0 + p, j0 + r·NR + j] contiguously; columns past nc are zero.
void pack_b(const GemmProblem& P, index_t p0, index_t j0, index_t kc, index_t nc, float* __restrict dst) {
  for (index_t jr = 0; jr < nc; jr += NR) {
    const int cols = static_cast<int>(min_index(NR, nc - jr));
    float* __restrict panel = dst + jr * kc;
    if (!P.trans_b) {
      // op(B)[p, j] = b[p·ldb + j]: NR contiguous values per p.
      const float* src = P.b + p0 * P.ldb + j0 + jr;
      if (cols == NR) {
        for (index_t p = 0; p < kc; ++p) {
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) {
            *reinterpret_cast<vec*>(panel + p * NR + v * W) = *reinterpret_cast<const vec_u*>(src + p * P.ldb + v * W);
          }
        }
      } else {
        for (index_t p = 0; p < kc; ++p) {
          for (int j = 0; j < NR; ++j) panel[p * NR + j] = j < cols ? src[p * P.ldb + j] : 0.0f;
        }
      }
    } else {
      // op(B)[p, j] = b[j·ldb + p]: read NR rows of B side by side.
      const float* src[NR];
      for (int j = 0; j < NR; ++j) src[j] = P.b + (j0 + jr + (j < cols ? j : 0)) * P.ldb + p0;
      if (cols == NR) {
        for (index_t p = 0; p < kc; ++p) {
#pragma GCC unroll 32
          for (int j = 0; j < NR; ++j) panel[p * NR + j] = src[j][p];
        }
      } else {
        for (index_t p = 0; p < kc; ++p) {
          for (int j = 0; j < NR; ++j) panel[p * NR + j] = j < cols ? src[j][p] : 0.0f;
        }
      }
    }
  }
}

// C tile (rows ≤ MR, cols ≤ NR; stride ldc) = alpha · Σ_p a[p, :]ᵀ b[p, :] + beta · C,
// with a and b packed micro-panels. The MR×NV accumulators live in registers; each step
// loads NV vectors of b and broadcasts MR scalars of a into fused multiply-adds.
void micro_kernel(index_t kc, const float* __restrict a, const float* __restrict b, float* __restrict c, index_t ldc,
                  float alpha, float beta, int rows, int cols) {
  vec acc[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) acc[i][v] = vec{};
  }
  // Pull the C tile towards L1 while the k loop runs: it is needed only at the end.
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
    __builtin_prefetch(c + i * ldc, 1, 3);
    __builtin_prefetch(c + i * ldc + NR - 1, 1, 3);
  }
  // Unrolled by 4: the loop overhead (pointer bumps, compare, branch) would otherwise take
  // issue slots from the FMAs.
#pragma GCC unroll 4
  for (index_t p = 0; p < kc; ++p) {
    vec bv[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) bv[v] = *reinterpret_cast<const vec*>(b + v * W);
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
      const float ai = a[i];
#if defined(__wasm_relaxed_simd__)
      // WebAssembly SIMD128 has no FMA, so -ffp-contract cannot fuse; relaxed SIMD's madd
      // (-mrelaxed-simd) is FMA in V8 on x64 with FMA3 and on arm64: +28–36% at 8×16.
      const vec av = {ai, ai, ai, ai};
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = __builtin_wasm_relaxed_madd_f32x4(bv[v], av, acc[i][v]);
#else
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] += bv[v] * ai;
#endif
    }
    a += MR;
    b += NR;
  }
  if (rows == MR && cols == NR) {
#pragma GCC unroll 32
    for (int i = 0; i < MR; ++i) {
      float* ci = c + i * ldc;
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        vec_u* cv = reinterpret_cast<vec_u*>(ci + v * W);
        vec r = acc[i][v] * alpha;
        if (beta != 0.0f) {  // beta = 0: C is never read (NaN there is ignored)
          const vec old = *cv;
          r += old * beta;
        }
        *cv = r;
      }
    }
    return;
  }
  alignas(64) float tile[MR * NR];
#pragma GCC unroll 32
  for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) *reinterpret_cast<vec*>(tile + i * NR + v * W) = acc[i][v] * alpha;
  }
  for (int i = 0; i < rows; ++i) {
    float* ci = c + i * ldc;
    const float* ti = tile + i * NR;
    if (beta != 0.0f) {
      for (int j = 0; j < cols; ++j) ci[j] = ti[j] + beta * ci[j];
    } else {
      for (int j = 0; j < cols; ++j) ci[j] = ti[j];
    }
  }
}

void run(const GemmProblem& P, float* pack) {
  const GemmBlocks blocks = gemm_blocks(MR, NR, MC, KC, NC, P.m, P.n, P.k);
  float* pack_a_buf = pack;
  float* pack_b_buf = pack + blocks.a_floats;
  for (index_t jc = 0; jc < P.n; jc += NC) {
    const index_t nc = min_index(NC, P.n - jc);
    for (index_t pc = 0; pc < P.k; pc += blocks.kc) {
      const index_t kc = min_index(blocks.kc, P.k - pc);
      pack_b(P, pc, jc, kc, nc, pack_b_buf);
      const float beta = pc == 0 ? P.beta : 1.0f;
      for (index_t ic = 0; ic < P.m; ic += blocks.mc) {
        const index_t mc = min_index(blocks.mc, P.m - ic);
        pack_a(P, ic, pc, mc, kc, pack_a_buf);
        for (index_t jr = 0; jr < nc; jr += NR) {
          const int cols = static_cast<int>(min_index(NR, nc - jr));
          for (index_t ir = 0; ir < mc; ir += MR) {
            micro_kernel(kc, pack_a_buf + ir * kc, pack_b_buf + jr * kc, P.c + (ic + ir) * P.ldc + jc + jr, P.ldc,
                         P.alpha, beta, static_cast<int>(min_index(MR, mc - ir)), cols);
          }
        }
      }
    }
  }
}

}  // namespace

const GemmKernel kernel = {BACKPROP_GEMM_ISA, MR, NR, MC, KC, NC, &run};

}  // namespace BACKPROP_GEMM_NS
}  // namespace backprop
