// GEMM driver: trivial cases, the choice of kernel and thread count, the split of C into
// per-thread sub-rectangles, and the packing scratch (no allocation once warm).
#include "gemm.h"

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#endif
#if !defined(__wasm__)
#include <thread>
#endif

#include "gemm_kernel.h"
#include "thread_pool.h"

// Scratch kept per calling thread. A WebAssembly instance is entered by one JavaScript thread
// only (its pool workers run tasks with per-slot scratch), and its build has no thread-local
// storage, so there this is plain static storage.
#if defined(__wasm__)
#define BACKPROP_THREAD_LOCAL static
#else
#define BACKPROP_THREAD_LOCAL thread_local
#endif

namespace backprop {
namespace {

// Below this many multiply-adds per thread, waking a worker (a futex round trip, ~10–30 µs)
// costs more than it saves.
constexpr double kMinMacsPerThread = 1 << 20;

// A parallel GEMM is cut into up to this many tasks per thread, handed out dynamically: on a
// shared machine a thread whose core is busy with other work takes fewer, instead of the
// others waiting for it. Each task repacks its rows of A (or columns of B), about 1% of the
// work at these sizes. Two per thread is a compromise, not a value tuned on an idle machine.
std::atomic<int> g_tasks_per_thread{2};
// ... but only as many as keep each task above this many multiply-adds: a task of a small
// GEMM repacks a large share of A (64×784×256: A is 50k floats per task).
constexpr double kMinMacsPerTask = 1 << 22;

/** 64-byte aligned scratch that only grows. */
class ScratchBuffer {
 public:
  ScratchBuffer() = default;
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;
  ScratchBuffer(ScratchBuffer&& other) noexcept : data_(other.data_), floats_(other.floats_) {
    other.data_ = nullptr;
    other.floats_ = 0;
  }
  ~ScratchBuffer() { std::free(data_); }

  /** At least `floats` floats; throws std::bad_alloc (traps where exceptions are off: WebAssembly). */
  float* get(index_t floats) {
    if (floats > floats_) {
      const std::size_t bytes = (static_cast<std::size_t>(floats) * sizeof(float) + 63) / 64 * 64;
      void* fresh = std::aligned_alloc(64, bytes);
#if defined(__cpp_exceptions)
      if (fresh == nullptr) throw std::bad_alloc();
#else
      if (fresh == nullptr) __builtin_trap();
#endif
      std::free(data_);
      data_ = static_cast<float*>(fresh);
      floats_ = floats;
    }
    return data_;
  }

 private:
  float* data_ = nullptr;
  index_t floats_ = 0;
};

// Scratch per pool slot (slot 0 is the calling thread), used only while the pool is held.
std::vector<ScratchBuffer>& slot_buffers() {
  static std::vector<ScratchBuffer>* buffers = new std::vector<ScratchBuffer>();
  return *buffers;
}

// Scratch for GEMMs that run on the calling thread alone (one per JS thread).
ScratchBuffer& thread_buffer() {
  BACKPROP_THREAD_LOCAL ScratchBuffer buffer;
  return buffer;
}

int clamp_threads(int threads) { return threads < 1 ? 1 : threads > 256 ? 256 : threads; }

std::atomic<int> g_isa{-1};
std::atomic<int> g_threads{0};

// C = beta·C, the whole answer when op(A)·op(B) contributes nothing (k = 0 or alpha = 0).
void scale_c(index_t m, index_t n, float beta, float* c) {
  const index_t total = m * n;
  if (beta == 0.0f) {
    for (index_t i = 0; i < total; ++i) c[i] = 0.0f;
  } else if (beta != 1.0f) {
    for (index_t i = 0; i < total; ++i) c[i] *= beta;
  }
}

// The sub-problem for rows [i0, i1) and columns [j0, j1) of C.
GemmProblem sub_problem(const GemmProblem& P, index_t i0, index_t i1, index_t j0, index_t j1) {
  GemmProblem s = P;
  s.m = i1 - i0;
  s.n = j1 - j0;
  s.a = P.trans_a ? P.a + i0 : P.a + i0 * P.lda;
  s.b = P.trans_b ? P.b + j0 * P.ldb : P.b + j0;
  s.c = P.c + i0 * P.ldc + j0;
  return s;
}

struct ParallelGemm {
  const GemmKernel* kernel;
  GemmProblem problem;
  int parts_m, parts_n;  // C is cut into parts_m × parts_n rectangles of whole micro-tiles
  index_t tiles_m, tiles_n;
  float* buffers[256];
};

// Bounds of part `i` of `parts` over `tiles` tiles of `tile` elements, clipped to `size`.
index_t part_start(index_t i, int parts, index_t tiles, int tile, index_t size) {
  const index_t start = tiles * i / parts * tile;
  return start < size ? start : size;
}

void run_part(void* ctx, int task, int slot) {
  const ParallelGemm& job = *static_cast<const ParallelGemm*>(ctx);
  const int pi = task / job.parts_n;
  const int pj = task % job.parts_n;
  const GemmProblem& P = job.problem;
  const index_t i0 = part_start(pi, job.parts_m, job.tiles_m, job.kernel->mr, P.m);
  const index_t i1 = part_start(pi + 1, job.parts_m, job.tiles_m, job.kernel->mr, P.m);
  const index_t j0 = part_start(pj, job.parts_n, job.tiles_n, job.kernel->nr, P.n);
  const index_t j1 = part_start(pj + 1, job.parts_n, job.tiles_n, job.kernel->nr, P.n);
  if (i1 <= i0 || j1 <= j0) return;
  job.kernel->run(sub_problem(P, i0, i1, j0, j1), job.buffers[slot]);
}

// Chooses parts_m × parts_n ≤ parts (the largest count that tiles evenly) minimising the
// packing work per task, which is proportional to the perimeter of its rectangle:
// k·(m/parts_m + n/parts_n).
void choose_grid(index_t m, index_t n, index_t tiles_m, index_t tiles_n, int parts, int* parts_m, int* parts_n) {
  *parts_m = 1;
  *parts_n = 1;
  for (int total = parts; total > 1; --total) {
    double best = -1;
    for (int pm = 1; pm <= total; ++pm) {
      if (total % pm != 0) continue;
      const int pn = total / pm;
      if (pm > tiles_m || pn > tiles_n) continue;
      const double cost = static_cast<double>(m) / pm + static_cast<double>(n) / pn;
      if (best < 0 || cost < best) {
        best = cost;
        *parts_m = pm;
        *parts_n = pn;
      }
    }
    if (best >= 0) return;
  }
}

void run_parallel(const GemmKernel& kernel, const GemmProblem& P, int threads) {
  ThreadPool& pool = ThreadPool::instance();
  if (!pool.try_acquire()) {
    // Another JS thread is inside a parallel GEMM: run here alone rather than queue.
    kernel.run(P, thread_buffer().get(gemm_pack_floats(kernel, P.m, P.n, P.k)));
    return;
  }
  struct Release {
    ThreadPool& pool;
    ~Release() { pool.release(); }
  } release{pool};

  ParallelGemm job;
  job.kernel = &kernel;
  job.problem = P;
  job.tiles_m = (P.m + kernel.mr - 1) / kernel.mr;
  job.tiles_n = (P.n + kernel.nr - 1) / kernel.nr;
  const double macs = static_cast<double>(P.m) * static_cast<double>(P.n) * static_cast<double>(P.k);
  // A whole number of tasks per thread, so that on an idle machine all finish together.
  int per_thread = static_cast<int>(macs / (kMinMacsPerTask * threads));
  const int most = g_tasks_per_thread.load(std::memory_order_relaxed);
  per_thread = per_thread < 1 ? 1 : per_thread > most ? most : per_thread;
  const int parts = threads * per_thread;
  choose_grid(P.m, P.n, job.tiles_m, job.tiles_n, parts, &job.parts_m, &job.parts_n);
  const int tasks = job.parts_m * job.parts_n;
  const index_t rows = (job.tiles_m + job.parts_m - 1) / job.parts_m * kernel.mr;
  const index_t cols = (job.tiles_n + job.parts_n - 1) / job.parts_n * kernel.nr;
  const index_t floats = gemm_pack_floats(kernel, rows, cols, P.k);
  std::vector<ScratchBuffer>& buffers = slot_buffers();
  while (static_cast<int>(buffers.size()) < threads) buffers.emplace_back();
  for (int slot = 0; slot < threads; ++slot) job.buffers[slot] = buffers[slot].get(floats);
  pool.run(threads, tasks, &run_part, &job);
}

}  // namespace

void set_gemm_tasks_per_thread(int tasks) { g_tasks_per_thread.store(tasks < 1 ? 1 : tasks, std::memory_order_relaxed); }

index_t gemm_pack_floats(const GemmKernel& kernel, index_t m, index_t n, index_t k) {
  const GemmBlocks blocks = gemm_blocks(kernel.mr, kernel.nr, kernel.mc, kernel.kc, kernel.nc, m, n, k);
  return blocks.a_floats + blocks.b_floats;
}

const GemmKernel& gemm_kernel(Isa isa) {
#if defined(__x86_64__)
  if (isa == Isa::avx512) return gemm_kernel_avx512();
  if (isa == Isa::avx2) return gemm_kernel_avx2();
#endif
#if defined(__wasm_simd128__)
  if (isa == Isa::simd128) return gemm_kernel_simd128();
#endif
  return gemm_kernel_generic();
}

int available_cpus() {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
#endif
#if defined(__wasm__)
  return 1;  // the JavaScript side starts the workers and sets the thread count
#else
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
#endif
}

GemmConfig gemm_default_config() {
  int isa = g_isa.load(std::memory_order_relaxed);
  if (isa < 0) {
    isa = static_cast<int>(best_isa());
    g_isa.store(isa, std::memory_order_relaxed);
  }
  int threads = g_threads.load(std::memory_order_relaxed);
  if (threads <= 0) {
    threads = clamp_threads(available_cpus());
    g_threads.store(threads, std::memory_order_relaxed);
  }
  return GemmConfig{static_cast<Isa>(isa), threads};
}

void set_gemm_default_config(GemmConfig config) {
  g_isa.store(static_cast<int>(isa_supported(config.isa) ? config.isa : best_isa()), std::memory_order_relaxed);
  g_threads.store(clamp_threads(config.threads), std::memory_order_relaxed);
}

void gemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a, const float* b,
          float beta, float* c) {
  gemm(gemm_default_config(), trans_a, trans_b, m, n, k, alpha, a, b, beta, c);
}

namespace {

/**
 * A C of fewer micro-tiles than threads but a long k (a weight gradient summed over a batch's
 * rows·positions) is split along k instead: task p computes the product over its fixed slice of k
 * into its own partial C, and C ← beta·C + Σ_p partial_p adds them in task order, so a thread count
 * always gives the same bits.
 */
struct SplitKGemm {
  const GemmKernel* kernel;
  GemmProblem problem;
  int parts;
  float* partials;
  float* buffers[256];
};

void run_k_part(void* ctx, int task, int slot) {
  const SplitKGemm& job = *static_cast<const SplitKGemm*>(ctx);
  const GemmProblem& P = job.problem;
  const index_t p0 = P.k * task / job.parts;
  const index_t p1 = P.k * (task + 1) / job.parts;
  GemmProblem s = P;
  s.k = p1 - p0;
  s.a = P.trans_a ? P.a + p0 * P.lda : P.a + p0;
  s.b = P.trans_b ? P.b + p0 : P.b + p0 * P.ldb;
  s.beta = 0.0f;
  s.c = job.partials + static_cast<index_t>(task) * P.m * P.n;
  s.ldc = P.n;
  job.kernel->run(s, job.buffers[slot]);
}

ScratchBuffer& partials_buffer() {
  BACKPROP_THREAD_LOCAL ScratchBuffer buffer;
  return buffer;
}

bool run_split_k(const GemmKernel& kernel, const GemmProblem& P, int threads) {
  ThreadPool& pool = ThreadPool::instance();
  if (!pool.try_acquire()) return false;
  struct Release {
    ThreadPool& pool;
    ~Release() { pool.release(); }
  } release{pool};
  SplitKGemm job;
  job.kernel = &kernel;
  job.problem = P;
  job.parts = threads;
  const index_t mn = P.m * P.n;
  job.partials = partials_buffer().get(mn * threads);
  const index_t floats = gemm_pack_floats(kernel, P.m, P.n, (P.k + threads - 1) / threads);
  std::vector<ScratchBuffer>& buffers = slot_buffers();
  while (static_cast<int>(buffers.size()) < threads) buffers.emplace_back();
  for (int slot = 0; slot < threads; ++slot) job.buffers[slot] = buffers[slot].get(floats);
  pool.run(threads, threads, &run_k_part, &job);
  for (index_t i = 0; i < P.m; ++i) {
    float* row = P.c + i * P.ldc;
    for (index_t j = 0; j < P.n; ++j) {
      float sum = 0.0f;
      for (int t = 0; t < threads; ++t) sum += job.partials[t * mn + i * P.n + j];
      row[j] = P.beta == 0.0f ? sum : P.beta * row[j] + sum;
    }
  }
  return true;
}

/** Runs one problem on up to `threads` threads (fewer when it is too small to share). */
void run_problem(const GemmKernel& kernel, const GemmProblem& problem, int threads) {
  const double macs = static_cast<double>(problem.m) * static_cast<double>(problem.n) * static_cast<double>(problem.k);
  if (macs < kMinMacsPerThread * threads) threads = static_cast<int>(macs / kMinMacsPerThread);
  const index_t tiles = ((problem.m + kernel.mr - 1) / kernel.mr) * ((problem.n + kernel.nr - 1) / kernel.nr);
  if (threads > tiles && problem.k >= 1024 * static_cast<index_t>(threads) && run_split_k(kernel, problem, threads)) return;
  if (threads > tiles) threads = static_cast<int>(tiles);
  if (threads <= 1) {
    kernel.run(problem, thread_buffer().get(gemm_pack_floats(kernel, problem.m, problem.n, problem.k)));
    return;
  }
  run_parallel(kernel, problem, threads);
}

/** The transposed product Cᵀ of a tall, narrow C, before it is added into C. */
ScratchBuffer& transposed_buffer() {
  BACKPROP_THREAD_LOCAL ScratchBuffer buffer;
  return buffer;
}

}  // namespace

void gemm(const GemmConfig& config, bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha,
          const float* a, const float* b, float beta, float* c) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0f) {
    scale_c(m, n, beta, c);
    return;
  }
  const GemmKernel& kernel = gemm_kernel(isa_supported(config.isa) ? config.isa : Isa::generic);
  const int threads = clamp_threads(config.threads);
  // A C of a few columns (a convolution's rows·positions × channels) would fill a fraction of each
  // NR-wide micro-tile. Its transpose Cᵀ = op(B)ᵀ·op(A)ᵀ has the long side along NR instead: compute
  // that into scratch, then C ← beta·C + (Cᵀ)ᵀ, one extra pass over m·n values.
  if (2 * n <= kernel.nr && m >= 8 * kernel.nr) {
    float* t = transposed_buffer().get(m * n);
    run_problem(kernel, GemmProblem{!trans_b, !trans_a, n, m, k, alpha, b, trans_b ? k : n, a, trans_a ? m : k, 0.0f, t, m}, threads);
    for (index_t i = 0; i < m; ++i) {
      float* row = c + i * n;
      if (beta == 0.0f) {
        for (index_t j = 0; j < n; ++j) row[j] = t[j * m + i];
      } else {
        for (index_t j = 0; j < n; ++j) row[j] = beta * row[j] + t[j * m + i];
      }
    }
    return;
  }
  run_problem(kernel, GemmProblem{trans_a, trans_b, m, n, k, alpha, a, trans_a ? m : k, b, trans_b ? k : n, beta, c, n}, threads);
}

}  // namespace backprop
