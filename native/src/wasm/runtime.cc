// The little of a C/C++ runtime the kernels need in WebAssembly: a heap (malloc and friends,
// operator new/delete) and the hooks libc++ headers call. wasi-libc's own malloc cannot be linked
// into a module on shared memory (it is built without the atomics feature), and the kernels
// allocate little — GEMM's packing scratch, a few vectors per convolution, the JavaScript side's
// argument arena —, so a small allocator does: power-of-two size classes, each with a free
// list, carved from memory grown with memory.grow; one spin lock, since pool workers allocate
// too. Every block is 64-byte aligned (the packing scratch asks for that), behind a 64-byte header.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

namespace {

constexpr std::size_t kHeader = 64;
constexpr int kClasses = 32;  // class c holds blocks of 2^c bytes (header included), c ≥ 7
constexpr int kSmallestClass = 7;
constexpr std::size_t kPage = 65536;

struct FreeBlock {
  FreeBlock* next;
};

struct Heap {
  std::atomic<int> lock{0};
  std::uintptr_t top = 0;  // first byte never handed out
  FreeBlock* free[kClasses] = {};
};

Heap g_heap;

extern "C" unsigned char __heap_base;

class HeapLock {
 public:
  HeapLock() {
    while (g_heap.lock.exchange(1, std::memory_order_acquire) != 0) {
    }
  }
  ~HeapLock() { g_heap.lock.store(0, std::memory_order_release); }
};

int size_class(std::size_t bytes) {
  if (bytes > (std::size_t{1} << 31) - kHeader) return -1;
  int c = kSmallestClass;
  while ((std::size_t{1} << c) < bytes + kHeader) ++c;
  return c;
}

// Fresh memory for one block of 2^c bytes at the top of the heap, growing the memory if needed.
void* carve(int c) {
  if (g_heap.top == 0) g_heap.top = (reinterpret_cast<std::uintptr_t>(&__heap_base) + kHeader - 1) / kHeader * kHeader;
  const std::size_t bytes = std::size_t{1} << c;
  const std::uintptr_t end = g_heap.top + bytes;
  if (end < g_heap.top) return nullptr;
  const std::size_t have = __builtin_wasm_memory_size(0) * kPage;
  if (end > have) {
    const std::size_t pages = (end - have + kPage - 1) / kPage;
    if (__builtin_wasm_memory_grow(0, pages) == static_cast<std::size_t>(-1)) return nullptr;
  }
  void* block = reinterpret_cast<void*>(g_heap.top);
  g_heap.top = end;
  return block;
}

void* allocate(std::size_t bytes) {
  const int c = size_class(bytes);
  if (c < 0) return nullptr;
  HeapLock lock;
  void* block = g_heap.free[c];
  if (block != nullptr) {
    g_heap.free[c] = g_heap.free[c]->next;
  } else {
    block = carve(c);
    if (block == nullptr) return nullptr;
  }
  *static_cast<int*>(block) = c;
  return static_cast<unsigned char*>(block) + kHeader;
}

void release(void* p) {
  if (p == nullptr) return;
  void* block = static_cast<unsigned char*>(p) - kHeader;
  const int c = *static_cast<int*>(block);
  HeapLock lock;
  FreeBlock* node = static_cast<FreeBlock*>(block);
  node->next = g_heap.free[c];
  g_heap.free[c] = node;
}

std::size_t usable(void* p) {
  const int c = *reinterpret_cast<int*>(static_cast<unsigned char*>(p) - kHeader);
  return (std::size_t{1} << c) - kHeader;
}

}  // namespace

extern "C" {

void* malloc(std::size_t bytes) { return allocate(bytes); }

void free(void* p) { release(p); }

void* calloc(std::size_t count, std::size_t size) {
  if (size != 0 && count > static_cast<std::size_t>(-1) / size) return nullptr;
  void* p = allocate(count * size);
  if (p != nullptr) std::memset(p, 0, count * size);
  return p;
}

void* realloc(void* p, std::size_t bytes) {
  if (p == nullptr) return allocate(bytes);
  if (bytes <= usable(p)) return p;
  void* fresh = allocate(bytes);
  if (fresh == nullptr) return nullptr;
  std::memcpy(fresh, p, usable(p));
  release(p);
  return fresh;
}

void* aligned_alloc(std::size_t alignment, std::size_t bytes) { return alignment <= kHeader ? allocate(bytes) : nullptr; }

int posix_memalign(void** out, std::size_t alignment, std::size_t bytes) {
  void* p = aligned_alloc(alignment, bytes);
  if (p == nullptr) return 12;  // ENOMEM
  *out = p;
  return 0;
}

// Static destructors never run: the module lives as long as its page or process.
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }

}  // extern "C"

// Out of memory or a libc++ assertion: trap, which the JavaScript side turns into an error.
void* operator new(std::size_t bytes) {
  void* p = allocate(bytes);
  if (p == nullptr) __builtin_trap();
  return p;
}
void* operator new[](std::size_t bytes) { return operator new(bytes); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }

namespace std {
inline namespace __2 {
[[noreturn]] void __libcpp_verbose_abort(const char*, ...) { __builtin_trap(); }
}  // namespace __2
}  // namespace std
