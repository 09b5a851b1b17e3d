// The geometry of a 2-D sliding window (convolution, pooling) over NCHW images: image r,
// channel c, pixel (h, w) is x[((r·channels + c)·height + h)·width + w]. Per axis the output has
//   out = ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1
// positions, and output o's window tap t reads input index o·stride − pad + t·dilation
// (zero padding, or −∞ for max pooling, outside [0, in)).
#pragma once

#include "types.h"

namespace backprop {

/** A window over images of channels × height × width; dilation is 1 for pooling. */
struct Window2d {
  index_t channels, height, width;
  index_t kernel_h, kernel_w;
  index_t stride_h, stride_w;
  index_t pad_h, pad_w;
  index_t dilation_h, dilation_w;
  index_t out_h, out_w;
};

/** The output size of one axis; the caller has checked that dilation·(kernel − 1) + 1 ≤ in + 2·pad. */
constexpr index_t window_output(index_t in, index_t kernel, index_t stride, index_t pad, index_t dilation) {
  return (in + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
}

/** A half-open range [lo, hi) with lo ≤ hi. */
struct IndexRange {
  index_t lo, hi;
};

/**
 * The positions o ∈ [0, count) with o·step + offset ∈ [0, in): the output positions whose tap at
 * `offset` is inside the image (step = stride), or the taps t whose pixel t·dilation + offset is
 * (step = dilation, count = kernel). step ≥ 1.
 */
inline IndexRange inside(index_t in, index_t offset, index_t step, index_t count) {
  // o·step + offset ≥ 0 ⟺ o ≥ ⌈−offset / step⌉;  o·step + offset ≤ in − 1 ⟺ o ≤ ⌊(in − 1 − offset) / step⌋.
  index_t lo = offset >= 0 ? 0 : (-offset + step - 1) / step;
  const index_t last = in - 1 - offset;
  index_t hi = last < 0 ? 0 : last / step + 1;
  if (hi > count) hi = count;
  if (lo > hi) lo = hi;
  return {lo, hi};
}

}  // namespace backprop
