// The leading arguments shared by the convolution and pooling entry points:
//   rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW[, dilationH, dilationW]
// checked in that order (sizes; kernel, stride and dilation ≥ 1, and for pooling height and width ≥ 1
// too), then, for pooling, pad ≤ ⌊kernel / 2⌋
// per axis, then per axis (H, then W) that the dilated kernel fits in the padded image, so that
// the output has at least one position. See native/src/kernels/window.h for the geometry.
#pragma once

#include "args.h"
#include "window.h"

namespace backprop {
namespace binding {

enum class WindowOp {
  convolution,  // with dilationH, dilationW (arguments 10 and 11)
  pooling,      // dilation 1, pad ≤ ⌊kernel / 2⌋
};

/** Where the element counts come from, for messages. */
constexpr const char* kImages = "rows·channels·height·width";
constexpr const char* kPatches = "rows·outH·outW·channels·kernelH·kernelW";  // im2col's cols
constexpr const char* kPooled = "rows·channels·outH·outW";                  // a pooling's output

/** The window arguments and the element counts of the images and of the op's other side. */
struct WindowArgs {
  index_t rows;
  Window2d g;
  index_t images;  // rows·channels·height·width
  index_t other;   // convolution: cols (kPatches); pooling: the pooled output (kPooled)
};

/**
 * Reads the window arguments and checks the two products (RangeError if either exceeds what any
 * array can hold) in the order of the call's arrays: the images first for a forward op (x, then
 * cols or y), last for a backward one (cols or dy, then dx). `skip` arguments between width and
 * kernelH belong to the op (the direct convolution's filters) and are not read here. False with a
 * JS error pending.
 */
bool get_window(Args& args, WindowOp op, bool images_first, WindowArgs* out, std::size_t skip = 0);

}  // namespace binding
}  // namespace backprop
