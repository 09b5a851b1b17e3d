#include "window_args.h"

namespace backprop {
namespace binding {
namespace {

// One axis: the dilated kernel dilation·(kernel − 1) + 1 must fit in in + 2·pad (else the output
// would be empty), compared without forming the product, which can exceed 64 bits.
bool fits(Args& args, WindowOp op, const char* axis, const char* in_name, index_t in, index_t kernel, index_t pad,
          index_t dilation) {
  const index_t padded = in + 2 * pad;  // both ≤ 2^53 − 1: no overflow
  if (padded >= 1 && (kernel == 1 || dilation <= (padded - 1) / (kernel - 1))) return true;
  if (op == WindowOp::pooling) {
    throw_range_error(args, "kernel%s = %lld does not fit in %s + 2·pad%s = %lld", axis, static_cast<long long>(kernel),
                      in_name, axis, static_cast<long long>(padded));
  } else {
    throw_range_error(args, "kernel%s = %lld with dilation%s = %lld does not fit in %s + 2·pad%s = %lld", axis,
                      static_cast<long long>(kernel), axis, static_cast<long long>(dilation), in_name, axis,
                      static_cast<long long>(padded));
  }
  return false;
}

bool pad_at_most_half(Args& args, const char* axis, index_t kernel, index_t pad) {
  if (pad <= kernel / 2) return true;
  throw_range_error(args, "pad%s must be at most ⌊kernel%s / 2⌋ = %lld (got %lld)", axis, axis,
                    static_cast<long long>(kernel / 2), static_cast<long long>(pad));
  return false;
}

bool get_geometry(Args& args, WindowOp op, std::size_t skip, index_t* rows, Window2d* g) {
  g->dilation_h = 1;
  g->dilation_w = 1;
  // Pooling needs a pixel in every window: with pad ≤ ⌊kernel / 2⌋ that holds for any image of at
  // least one pixel, and for none of an empty one. A convolution's window may be all padding.
  const auto get_extent = op == WindowOp::pooling ? get_positive_size : get_size;
  if (!get_size(args, 0, "rows", rows) || !get_size(args, 1, "channels", &g->channels) ||
      !get_extent(args, 2, "height", &g->height) || !get_extent(args, 3, "width", &g->width) ||
      !get_positive_size(args, skip + 4, "kernelH", &g->kernel_h) || !get_positive_size(args, skip + 5, "kernelW", &g->kernel_w) ||
      !get_positive_size(args, skip + 6, "strideH", &g->stride_h) || !get_positive_size(args, skip + 7, "strideW", &g->stride_w) ||
      !get_size(args, skip + 8, "padH", &g->pad_h) || !get_size(args, skip + 9, "padW", &g->pad_w)) {
    return false;
  }
  if (op == WindowOp::convolution) {
    if (!get_positive_size(args, skip + 10, "dilationH", &g->dilation_h) ||
        !get_positive_size(args, skip + 11, "dilationW", &g->dilation_w)) {
      return false;
    }
  } else if (!pad_at_most_half(args, "H", g->kernel_h, g->pad_h) || !pad_at_most_half(args, "W", g->kernel_w, g->pad_w)) {
    return false;
  }
  if (!fits(args, op, "H", "height", g->height, g->kernel_h, g->pad_h, g->dilation_h) ||
      !fits(args, op, "W", "width", g->width, g->kernel_w, g->pad_w, g->dilation_w)) {
    return false;
  }
  g->out_h = window_output(g->height, g->kernel_h, g->stride_h, g->pad_h, g->dilation_h);
  g->out_w = window_output(g->width, g->kernel_w, g->stride_w, g->pad_w, g->dilation_w);
  return true;
}

}  // namespace

bool get_window(Args& args, WindowOp op, bool images_first, WindowArgs* out, std::size_t skip) {
  if (!get_geometry(args, op, skip, &out->rows, &out->g)) return false;
  const Window2d& g = out->g;
  const index_t rows = out->rows;
  const auto images = [&] { return size_product(args, {rows, g.channels, g.height, g.width}, kImages, &out->images); };
  const auto other = [&] {
    return op == WindowOp::convolution
               ? size_product(args, {rows, g.out_h, g.out_w, g.channels, g.kernel_h, g.kernel_w}, kPatches, &out->other)
               : size_product(args, {rows, g.channels, g.out_h, g.out_w}, kPooled, &out->other);
  };
  return images_first ? images() && other() : other() && images();
}

}  // namespace binding
}  // namespace backprop
