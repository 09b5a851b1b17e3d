// WebAssembly SIMD128 GEMM kernel (compiled with clang --target=wasm32-wasi -msimd128 -O3
// -ffp-contract=fast; SIMD128 has no FMA, so each step is f32x4.mul + f32x4.add). Tile 8×16
// (MR 8, NV 4): 32 f32x4 accumulators. That is more than V8's x64 register file (16 xmm), so
// V8 must keep some in memory (not inspected: Node's V8 has no code printer), yet it measured
// best: 8 load32_splat + 4 v128.load per 32 mul/add pairs, the fewest loads per flop, and the
// loop has no overhead left (one i64 counter). Measured in Node 20.20 (V8 11.3, single thread, TurboFan code after
// tier-up) on a shared 2-core Sapphire Rapids VM (2.1 GHz nominal), in GFLOP/s, best of 5–6
// runs timed with process CPU time, with the shapes 512³ and the three GEMMs of a 784→256 dense
// layer with batch 64 (X·W 64×256 k784, Xᵀ·dY 784×256 k64, dY·Wᵀ 64×784 k256):
//   8×16 (this)          39.2 / 38.1 / 38.0 / 34.5   (other runs 36–41 on every shape)
//   6×16, 5×16           38.8 / 39.0 / 36.8 / 34.7,  38.7 / 37.2 / 38.3 / 35.4
//   4×16                 37.6 / 38.2 / 34.8 / 30.7
//   TF.js wasm (XNNPACK) 31.8 / 32.1 /  2.2 /  2.4   (same process and run)
//   6×8 (generic tile)   31.6 / 31.5 / 34.3 / 31.0   (a later run, 8×16 beside it: 35.9 / 36.2 / 37.5 / 36.3)
// Later, busier runs of this build vs TF.js: 31.0 vs 25.9, 32.0 vs 27.4, 31.1 vs 1.9, 29.3 vs 2.0
// (TF.js runs transposed products through a slow non-XNNPACK loop).
// Other tiles, same conditions: 4×8, 4×12, 3×12, 3×16, 2×16 gave 33–36 at 512³; 8×12 and
// 10–16×8/12/16 matched 8×16 within noise but waste more on m = 64.
// Tiles with NV > 4 fall to ~10 (gemm_blocked.h unrolls the NV loops by 4 only). The cache
// blocks hardly matter here (MC 64–256 × KC 128–512 all within ±3% at 8×16, all shapes): the
// kernel is bound by the mul/add issue rate, not by memory. MC 128 × KC 256 keeps the B
// micro-panel at 16 KiB (L1) and the A block at 128 KiB (L2), as on the native kernels.
// Did not help: a k-unroll of 1 (−15 to −20%) or 2 (same as 4); a noinline micro-kernel (−6 to −18%).
// Would help: relaxed SIMD madd (gemm_blocked.patch, built with -mrelaxed-simd): +28–36% on all
// four shapes, but Node 20 rejects such a module unless run with --experimental-wasm-relaxed-simd.
#define BACKPROP_GEMM_NS gemm_simd128_isa
#define BACKPROP_GEMM_ISA Isa::simd128
#define BACKPROP_GEMM_VEC_BYTES 16
#define BACKPROP_GEMM_MR 8
#define BACKPROP_GEMM_NV 4
#define BACKPROP_GEMM_MC 128
#define BACKPROP_GEMM_KC 256
#define BACKPROP_GEMM_NC 2048
#include "gemm_blocked.h"

namespace backprop {
const GemmKernel& gemm_kernel_simd128() { return gemm_simd128_isa::kernel; }
}  // namespace backprop
