// The instruction sets the GEMM micro-kernels are compiled for, and which one this CPU runs.
#pragma once

namespace backprop {

enum class Isa : int { generic = 0, avx2 = 1, avx512 = 2, simd128 = 3 };

/** 'generic', 'avx2', 'avx512' or 'simd128' (WebAssembly SIMD). */
const char* isa_name(Isa isa);

/** Whether this CPU and OS can run code compiled for `isa` (avx2 means AVX2 + FMA). */
bool isa_supported(Isa isa);

/** The best instruction set this CPU supports. */
Isa best_isa();

/** Parses 'generic' | 'avx2' | 'avx512' | 'simd128'; returns false on anything else. */
bool parse_isa(const char* name, Isa* out);

}  // namespace backprop
