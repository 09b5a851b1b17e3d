// channelMoments(rows, channels, spatial, x, mean, variance)
// channelAffine(rows, channels, spatial, x, scale, shift, y)
// channelSums(rows, channels, spatial, a, b, sumA, sumAB)
// normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx)
#include "args.h"
#include "normalization.h"
#include "ops.h"

namespace backprop {
namespace binding {
namespace {

constexpr const char* kValues = "rows·channels·spatial";

// rows, channels, spatial (arguments 0–2) and the element count of an input.
bool get_layout(Args& args, index_t* rows, index_t* channels, index_t* spatial, index_t* total) {
  return get_size(args, 0, "rows", rows) && get_size(args, 1, "channels", channels) &&
         get_size(args, 2, "spatial", spatial) && size_product(args, {*rows, *channels, *spatial}, kValues, total);
}

}  // namespace

napi_value ChannelMoments(napi_env env, napi_callback_info info) {
  Args args;
  index_t rows, channels, spatial, total;
  FloatView x, mean, variance;
  if (!get_args(env, info, "channelMoments", 6, &args) || !get_layout(args, &rows, &channels, &spatial, &total) ||
      !get_floats(args, 3, "x", total, kValues, &x) || !get_floats(args, 4, "mean", channels, "channels", &mean) ||
      !get_floats(args, 5, "variance", channels, "channels", &variance) || !disjoint(args, mean, "mean", x, "x") ||
      !disjoint(args, variance, "variance", x, "x") || !disjoint(args, variance, "variance", mean, "mean")) {
    return nullptr;
  }
  if (channels == 0) return nullptr;
  channel_moments(rows, channels, spatial, x.data, mean.data, variance.data);
  return nullptr;
}

napi_value ChannelAffine(napi_env env, napi_callback_info info) {
  Args args;
  index_t rows, channels, spatial, total;
  FloatView x, scale, shift, y;
  if (!get_args(env, info, "channelAffine", 7, &args) || !get_layout(args, &rows, &channels, &spatial, &total) ||
      !get_floats(args, 3, "x", total, kValues, &x) || !get_floats(args, 4, "scale", channels, "channels", &scale) ||
      !get_floats(args, 5, "shift", channels, "channels", &shift) || !get_floats(args, 6, "y", total, kValues, &y) ||
      !same_or_disjoint(args, y, "y", x, "x") || !disjoint(args, y, "y", scale, "scale") ||
      !disjoint(args, y, "y", shift, "shift")) {
    return nullptr;
  }
  if (total == 0) return nullptr;
  channel_affine(rows, channels, spatial, x.data, scale.data, shift.data, y.data);
  return nullptr;
}

napi_value ChannelSums(napi_env env, napi_callback_info info) {
  Args args;
  index_t rows, channels, spatial, total;
  FloatView a, b, sum_a, sum_ab;
  if (!get_args(env, info, "channelSums", 7, &args) || !get_layout(args, &rows, &channels, &spatial, &total) ||
      !get_floats(args, 3, "a", total, kValues, &a) || !get_floats(args, 4, "b", total, kValues, &b) ||
      !get_floats(args, 5, "sumA", channels, "channels", &sum_a) ||
      !get_floats(args, 6, "sumAB", channels, "channels", &sum_ab) || !disjoint(args, sum_a, "sumA", a, "a") ||
      !disjoint(args, sum_a, "sumA", b, "b") || !disjoint(args, sum_ab, "sumAB", a, "a") ||
      !disjoint(args, sum_ab, "sumAB", b, "b") || !disjoint(args, sum_ab, "sumAB", sum_a, "sumA")) {
    return nullptr;
  }
  if (channels == 0) return nullptr;
  channel_sums(rows, channels, spatial, a.data, b.data, sum_a.data, sum_ab.data);
  return nullptr;
}

napi_value NormalizeBackward(napi_env env, napi_callback_info info) {
  Args args;
  index_t rows, channels, spatial, total;
  FloatView xhat, g, scale, sum_g, sum_gxhat, dx;
  if (!get_args(env, info, "normalizeBackward", 9, &args) || !get_layout(args, &rows, &channels, &spatial, &total) ||
      !get_floats(args, 3, "xhat", total, kValues, &xhat) || !get_floats(args, 4, "g", total, kValues, &g) ||
      !get_floats(args, 5, "scale", channels, "channels", &scale) ||
      !get_floats(args, 6, "sumG", channels, "channels", &sum_g) ||
      !get_floats(args, 7, "sumGXhat", channels, "channels", &sum_gxhat) ||
      !get_floats(args, 8, "dx", total, kValues, &dx) || !same_or_disjoint(args, dx, "dx", g, "g") ||
      !disjoint(args, dx, "dx", xhat, "xhat") || !disjoint(args, dx, "dx", scale, "scale") ||
      !disjoint(args, dx, "dx", sum_g, "sumG") || !disjoint(args, dx, "dx", sum_gxhat, "sumGXhat")) {
    return nullptr;
  }
  if (total == 0) return nullptr;
  normalize_backward(rows, channels, spatial, xhat.data, g.data, scale.data, sum_g.data, sum_gxhat.data, dx.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
