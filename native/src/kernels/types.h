// Shared scalar types and helpers of the kernels. Kernels take raw pointers and element
// counts; they know nothing of N-API (the binding validates sizes before calling them).
#pragma once

#include <cstdint>

namespace backprop {

/** Element counts and indices: signed 64-bit, so products of dimensions cannot overflow. */
using index_t = std::int64_t;

}  // namespace backprop

// Element-wise loops are compiled once per instruction set and picked at load time
// (GCC function multi-versioning): one binary runs on AVX-512, AVX2 and plain x86-64.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(BACKPROP_NO_CLONES)
#define BACKPROP_VECTORIZE __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BACKPROP_VECTORIZE
#endif
