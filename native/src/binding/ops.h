// The N-API entry points, one per Backend op (names as in packages/core's Backend).
// Each validates its arguments (see args.h) and forwards to a kernel; raw N-API callbacks
// rather than Napi::CallbackInfo, which heap-allocates for more than six arguments.
#pragma once

#include <node_api.h>

namespace backprop {
namespace binding {

napi_value Gemm(napi_env env, napi_callback_info info);

napi_value AddRowVector(napi_env env, napi_callback_info info);
napi_value SumRows(napi_env env, napi_callback_info info);

napi_value ActivationForward(napi_env env, napi_callback_info info);
napi_value ActivationBackward(napi_env env, napi_callback_info info);
napi_value ActivationBackwardFromInput(napi_env env, napi_callback_info info);
napi_value Softmax(napi_env env, napi_callback_info info);
napi_value SoftmaxBackward(napi_env env, napi_callback_info info);

napi_value SoftmaxCrossEntropy(napi_env env, napi_callback_info info);
napi_value Mse(napi_env env, napi_callback_info info);
napi_value SigmoidBinaryCrossEntropy(napi_env env, napi_callback_info info);
napi_value L1Loss(napi_env env, napi_callback_info info);
napi_value Huber(napi_env env, napi_callback_info info);
napi_value MultiMargin(napi_env env, napi_callback_info info);

napi_value Add(napi_env env, napi_callback_info info);
napi_value Sub(napi_env env, napi_callback_info info);
napi_value Mul(napi_env env, napi_callback_info info);
napi_value MulAdd(napi_env env, napi_callback_info info);
napi_value Axpy(napi_env env, napi_callback_info info);
napi_value Scale(napi_env env, napi_callback_info info);
napi_value SumSquares(napi_env env, napi_callback_info info);
napi_value L1Gradient(napi_env env, napi_callback_info info);

napi_value Im2col(napi_env env, napi_callback_info info);
napi_value Col2im(napi_env env, napi_callback_info info);
napi_value TransposeBatch(napi_env env, napi_callback_info info);
napi_value Conv2d(napi_env env, napi_callback_info info);
napi_value Conv2dWeightGrad(napi_env env, napi_callback_info info);
napi_value MaxPool2d(napi_env env, napi_callback_info info);
napi_value MaxPool2dBackward(napi_env env, napi_callback_info info);
napi_value AvgPool2d(napi_env env, napi_callback_info info);
napi_value AvgPool2dBackward(napi_env env, napi_callback_info info);

napi_value ChannelMoments(napi_env env, napi_callback_info info);
napi_value ChannelAffine(napi_env env, napi_callback_info info);
napi_value ChannelSums(napi_env env, napi_callback_info info);
napi_value NormalizeBackward(napi_env env, napi_callback_info info);

napi_value GatherRows(napi_env env, napi_callback_info info);
napi_value ScatterAddRows(napi_env env, napi_callback_info info);

napi_value SgdStep(napi_env env, napi_callback_info info);
napi_value AdamStep(napi_env env, napi_callback_info info);
napi_value RmspropStep(napi_env env, napi_callback_info info);
napi_value AdagradStep(napi_env env, napi_callback_info info);
napi_value AdamaxStep(napi_env env, napi_callback_info info);
napi_value NadamStep(napi_env env, napi_callback_info info);

}  // namespace binding
}  // namespace backprop
