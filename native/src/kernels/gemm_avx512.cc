// AVX-512 GEMM kernel (this file is compiled with -mavx512f -mavx2 -mfma).
#define BACKPROP_GEMM_NS gemm_avx512_isa
#define BACKPROP_GEMM_ISA Isa::avx512
#include "gemm_avx512_params.h"
#include "gemm_blocked.h"

namespace backprop {
const GemmKernel& gemm_kernel_avx512() { return gemm_avx512_isa::kernel; }
}  // namespace backprop
