// conv2d(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, weights, y)
// conv2dWeightGrad(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, dy, alpha, beta, dw)
#include "args.h"
#include "conv_direct.h"
#include "ops.h"
#include "window_args.h"

namespace backprop {
namespace binding {
namespace {

constexpr const char* kWeights = "filters·channels·kernelH·kernelW";
constexpr const char* kOutputs = "rows·filters·outH·outW";

// The window (filters between width and kernelH), then filters, and the element counts of the
// kernel and of the output planes.
bool get_conv(Args& args, WindowArgs* a, index_t* filters, index_t* weights, index_t* outputs) {
  return get_window(args, WindowOp::convolution, true, a, 1) && get_size(args, 4, "filters", filters) &&
         size_product(args, {*filters, a->g.channels, a->g.kernel_h, a->g.kernel_w}, kWeights, weights) &&
         size_product(args, {a->rows, *filters, a->g.out_h, a->g.out_w}, kOutputs, outputs);
}

}  // namespace

napi_value Conv2d(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  index_t filters, weights, outputs;
  FloatView x, w, y;
  if (!get_args(env, info, "conv2d", 16, &args) || !get_conv(args, &a, &filters, &weights, &outputs) ||
      !get_floats(args, 13, "x", a.images, kImages, &x) || !get_floats(args, 14, "weights", weights, kWeights, &w) ||
      !get_floats(args, 15, "y", outputs, kOutputs, &y) || !disjoint(args, y, "y", x, "x") ||
      !disjoint(args, y, "y", w, "weights")) {
    return nullptr;
  }
  if (outputs == 0) return nullptr;
  conv2d(a.rows, filters, a.g, x.data, w.data, y.data);
  return nullptr;
}

napi_value Conv2dWeightGrad(napi_env env, napi_callback_info info) {
  Args args;
  WindowArgs a;
  index_t filters, weights, outputs;
  double alpha, beta;
  FloatView x, dy, dw;
  if (!get_args(env, info, "conv2dWeightGrad", 18, &args) || !get_conv(args, &a, &filters, &weights, &outputs) ||
      !get_floats(args, 13, "x", a.images, kImages, &x) || !get_floats(args, 14, "dy", outputs, kOutputs, &dy) ||
      !get_number(args, 15, "alpha", &alpha) || !get_number(args, 16, "beta", &beta) ||
      !get_floats(args, 17, "dw", weights, kWeights, &dw) || !disjoint(args, dw, "dw", x, "x") ||
      !disjoint(args, dw, "dw", dy, "dy")) {
    return nullptr;
  }
  if (weights == 0) return nullptr;
  conv2d_weight_grad(a.rows, filters, a.g, x.data, dy.data, alpha, beta, dw.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
