// AVX2 + FMA GEMM kernel (compiled with -mavx2 -mfma): 6×16 tile, 12 ymm accumulators +
// 2 B vectors + 1 broadcast of the 16 registers. B micro-panel 256×16 floats = 16 KiB (L1),
// A block 144×256 floats = 144 KiB (L2).
#define BACKPROP_GEMM_NS gemm_avx2_isa
#define BACKPROP_GEMM_ISA Isa::avx2
#define BACKPROP_GEMM_VEC_BYTES 32
#define BACKPROP_GEMM_MR 6
#define BACKPROP_GEMM_NV 2
#define BACKPROP_GEMM_MC 144
#define BACKPROP_GEMM_KC 256
#define BACKPROP_GEMM_NC 2048
#include "gemm_blocked.h"

namespace backprop {
const GemmKernel& gemm_kernel_avx2() { return gemm_avx2_isa::kernel; }
}  // namespace backprop
