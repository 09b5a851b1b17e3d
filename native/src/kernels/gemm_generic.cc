// Portable GEMM kernel: 128-bit GCC vectors (SSE2 on any x86-64, NEON elsewhere), 6×8 tile
// (12 accumulators + 2 B vectors + 1 broadcast fit the 16 registers).
#define BACKPROP_GEMM_NS gemm_generic_isa
#define BACKPROP_GEMM_ISA Isa::generic
#define BACKPROP_GEMM_VEC_BYTES 16
#define BACKPROP_GEMM_MR 6
#define BACKPROP_GEMM_NV 2
#define BACKPROP_GEMM_MC 96
#define BACKPROP_GEMM_KC 256
#define BACKPROP_GEMM_NC 2048
#include "gemm_blocked.h"

namespace backprop {
const GemmKernel& gemm_kernel_generic() { return gemm_generic_isa::kernel; }
}  // namespace backprop
