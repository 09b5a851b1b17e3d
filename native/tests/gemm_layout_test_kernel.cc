// The AVX-512 kernel's configuration (12×32 tile, 64-byte GCC vectors, its cache blocks)
// compiled without -mavx512f: GCC lowers the wide vectors to what the baseline has, so the
// blocking, packing and edge handling of that configuration are tested on any machine.
#define BACKPROP_GEMM_NS gemm_avx512_layout_test
#define BACKPROP_GEMM_ISA Isa::generic
#include "gemm_avx512_params.h"
#include "gemm_blocked.h"

namespace backprop_test {
const backprop::GemmKernel& avx512_layout_kernel() { return backprop::gemm_avx512_layout_test::kernel; }
}  // namespace backprop_test
