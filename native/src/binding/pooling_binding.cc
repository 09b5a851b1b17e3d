// maxPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y, argmax)
// maxPool2dBackward(rows, channels, height, width, outSize, argmax, dy, dx)
// avgPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y)
// avgPool2dBackward(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dy, dx)
#include "args.h"
#include "ops.h"
#include "pooling.h"
#include "window_args.h"

namespace backprop {
namespace binding {

napi_value MaxPool2d(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  FloatView x, y;
  IndexView argmax;
  if (!get_args(env, info, "maxPool2d", 13, &args) || !get_window(args, WindowOp::pooling, true, &a) ||
      !get_floats(args, 10, "x", a.images, kImages, &x) || !get_floats(args, 11, "y", a.other, kPooled, &y) ||
      !get_int32s(args, 12, "argmax", a.other, kPooled, &argmax) || !disjoint(args, y, "y", x, "x") ||
      !disjoint(args, argmax, "argmax", x, "x") || !disjoint(args, argmax, "argmax", y, "y")) {
    return nullptr;
  }
  if (a.other == 0) return nullptr;
  max_pool2d(a.rows, a.g, x.data, y.data, argmax.data);
  return nullptr;
}

napi_value MaxPool2dBackward(napi_env env, napi_callback_info info) {
  Args args;
  index_t rows, channels, height, width, out_size, outputs, images;
  IndexView argmax;
  FloatView dy, dx;
  if (!get_args(env, info, "maxPool2dBackward", 8, &args) || !get_size(args, 0, "rows", &rows) ||
      !get_size(args, 1, "channels", &channels) || !get_size(args, 2, "height", &height) ||
      !get_size(args, 3, "width", &width) || !get_size(args, 4, "outSize", &out_size) ||
      !size_product(args, {rows, channels, out_size}, "rows·channels·outSize", &outputs) ||
      !size_product(args, {rows, channels, height, width}, kImages, &images) ||
      !get_int32s(args, 5, "argmax", outputs, "rows·channels·outSize", &argmax) ||
      !get_floats(args, 6, "dy", outputs, "rows·channels·outSize", &dy) ||
      !get_floats(args, 7, "dx", images, kImages, &dx) || !disjoint(args, dx, "dx", dy, "dy") ||
      !disjoint(args, dx, "dx", argmax, "argmax")) {
    return nullptr;
  }
  // With any output, rows·channels ≥ 1, so height·width ≤ the checked product `images`.
  const index_t plane = outputs == 0 ? 0 : height * width;
  if (!check_indices(args, "argmax", argmax.data, outputs, plane) || images == 0) return nullptr;
  max_pool2d_backward(rows, channels, plane, out_size, argmax.data, dy.data, dx.data);
  return nullptr;
}

napi_value AvgPool2d(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  FloatView x, y;
  if (!get_args(env, info, "avgPool2d", 12, &args) || !get_window(args, WindowOp::pooling, true, &a) ||
      !get_floats(args, 10, "x", a.images, kImages, &x) || !get_floats(args, 11, "y", a.other, kPooled, &y) ||
      !disjoint(args, y, "y", x, "x")) {
    return nullptr;
  }
  if (a.other == 0) return nullptr;
  avg_pool2d(a.rows, a.g, x.data, y.data);
  return nullptr;
}

napi_value AvgPool2dBackward(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  FloatView dy, dx;
  if (!get_args(env, info, "avgPool2dBackward", 12, &args) || !get_window(args, WindowOp::pooling, false, &a) ||
      !get_floats(args, 10, "dy", a.other, kPooled, &dy) || !get_floats(args, 11, "dx", a.images, kImages, &dx) ||
      !disjoint(args, dx, "dx", dy, "dy")) {
    return nullptr;
  }
  if (a.images == 0) return nullptr;
  avg_pool2d_backward(a.rows, a.g, dy.data, dx.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
