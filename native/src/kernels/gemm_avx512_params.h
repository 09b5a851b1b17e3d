// Tile and cache blocks of the AVX-512 GEMM kernel (shared with the test that runs this
// configuration on any CPU): 12×32 tile = 24 zmm accumulators + 2 B vectors of the 32
// registers; B micro-panel 384×32 floats = 48 KiB (L1/L2), A block 240×384 floats = 360 KiB (L2).
// Not measured (no AVX-512 machine was available); sized like the AVX2 kernel, which
// measured best with a 48 KiB B micro-panel and KC = 512.
#pragma once
#define BACKPROP_GEMM_VEC_BYTES 64
#define BACKPROP_GEMM_MR 12
#define BACKPROP_GEMM_NV 2
#define BACKPROP_GEMM_MC 240
#define BACKPROP_GEMM_KC 384
#define BACKPROP_GEMM_NC 2048
