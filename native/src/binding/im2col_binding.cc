// im2col(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, cols)
// col2im(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, cols, beta, dx)
// transposeBatch(batch, r, c, inner, x, y)
#include "args.h"
#include "im2col.h"
#include "ops.h"
#include "window_args.h"

namespace backprop {
namespace binding {

napi_value Im2col(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  FloatView x, cols;
  if (!get_args(env, info, "im2col", 14, &args) || !get_window(args, WindowOp::convolution, true, &a) ||
      !get_floats(args, 12, "x", a.images, kImages, &x) || !get_floats(args, 13, "cols", a.other, kPatches, &cols) ||
      !disjoint(args, cols, "cols", x, "x")) {
    return nullptr;
  }
  if (a.other == 0) return nullptr;
  im2col(a.rows, a.g, x.data, cols.data);
  return nullptr;
}

napi_value Col2im(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  double beta;
  FloatView cols, dx;
  if (!get_args(env, info, "col2im", 15, &args) || !get_window(args, WindowOp::convolution, false, &a) ||
      !get_floats(args, 12, "cols", a.other, kPatches, &cols) || !get_number(args, 13, "beta", &beta) ||
      !get_floats(args, 14, "dx", a.images, kImages, &dx) || !disjoint(args, dx, "dx", cols, "cols")) {
    return nullptr;
  }
  if (a.images == 0) return nullptr;
  col2im(a.rows, a.g, cols.data, beta, dx.data);
  return nullptr;
}

napi_value TransposeBatch(napi_env env, napi_callback_info info) {
  Args args;
  index_t batch, r, c, inner, total;
  FloatView x, y;
  if (!get_args(env, info, "transposeBatch", 6, &args) || !get_size(args, 0, "batch", &batch) ||
      !get_size(args, 1, "r", &r) || !get_size(args, 2, "c", &c) || !get_size(args, 3, "inner", &inner) ||
      !size_product(args, {batch, r, c, inner}, "batch·r·c·inner", &total) ||
      !get_floats(args, 4, "x", total, "batch·r·c·inner", &x) || !get_floats(args, 5, "y", total, "batch·r·c·inner", &y) ||
      !disjoint(args, y, "y", x, "x")) {
    return nullptr;
  }
  if (total == 0) return nullptr;
  transpose_batch(batch, r, c, inner, x.data, y.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
