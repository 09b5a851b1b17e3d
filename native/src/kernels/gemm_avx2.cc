// AVX2 + FMA GEMM kernel (this file is compiled with -mavx2 -mfma). Tile 4×24: 12 ymm
// accumulators + 3 B vectors + 1 broadcast of the 16 registers; 7 loads per 12 FMAs keeps
// the two load ports below the two FMA pipes. KC = 512 halves the C traffic per FMA compared
// with 256; the A block (128×512 floats = 256 KiB) stays in L2. Chosen by measuring against
// OpenBLAS on the benchmark shapes (thread CPU time, so other load on the machine does not
// skew the comparison): 4×24/128/512 beat 6×16 with KC 256–512 at 1024³ by 10–20%.
#define BACKPROP_GEMM_NS gemm_avx2_isa
#define BACKPROP_GEMM_ISA Isa::avx2
#define BACKPROP_GEMM_VEC_BYTES 32
#define BACKPROP_GEMM_MR 4
#define BACKPROP_GEMM_NV 3
#define BACKPROP_GEMM_MC 128
#define BACKPROP_GEMM_KC 512
#define BACKPROP_GEMM_NC 2040
#include "gemm_blocked.h"

namespace backprop {
const GemmKernel& gemm_kernel_avx2() { return gemm_avx2_isa::kernel; }
}  // namespace backprop
