// Tile and cache blocks of the AVX-512 GEMM kernel (shared with the test that runs this
// configuration on any CPU): 12×32 tile = 24 zmm accumulators + 2 B vectors of the 32
// registers; B micro-panel 192×32 floats = 24 KiB (L1), A block 240×192 floats = 180 KiB (L2).
#pragma once
#define BACKPROP_GEMM_VEC_BYTES 64
#define BACKPROP_GEMM_MR 12
#define BACKPROP_GEMM_NV 2
#define BACKPROP_GEMM_MC 240
#define BACKPROP_GEMM_KC 192
#define BACKPROP_GEMM_NC 2048
