// Module entry: registers every op plus info() and configure(). Node-API addons are
// context-aware: this module loads in the main thread and in any number of worker_threads
// at once. It keeps no per-context JS state; the GEMM configuration and thread pool are
// process-wide (one pool shared by all threads, so workers never oversubscribe the cores).
#include <napi.h>

#include <cstring>

#include "args.h"
#include "gemm.h"
#include "isa.h"
#include "ops.h"

namespace backprop {
namespace binding {
namespace {

// info() → { isa, threads, cpus, isas }: what GEMM dispatches to now.
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const GemmConfig config = gemm_default_config();
  Napi::Object result = Napi::Object::New(env);
  result.Set("isa", isa_name(config.isa));
  result.Set("threads", config.threads);
  result.Set("cpus", available_cpus());
  Napi::Array isas = Napi::Array::New(env);
  uint32_t count = 0;
  for (Isa isa : {Isa::generic, Isa::avx2, Isa::avx512}) {
    if (isa_supported(isa)) isas.Set(count++, isa_name(isa));
  }
  result.Set("isas", isas);
  return result;
}

// configure(threads, isa | null): the thread count and instruction set GEMM uses from now on
// (process-wide). isa null keeps the best one this CPU supports.
napi_value Configure(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "configure", 2, &args)) return nullptr;
  index_t threads;
  if (!get_size(args, 0, "threads", &threads)) return nullptr;
  if (threads < 1 || threads > 256) {
    throw_range_error(args, "threads must be between 1 and 256 (got %lld)", static_cast<long long>(threads));
    return nullptr;
  }
  GemmConfig config = gemm_default_config();
  config.threads = static_cast<int>(threads);
  napi_valuetype type;
  if (napi_typeof(env, args.argv[1], &type) != napi_ok) return nullptr;
  if (type == napi_null || type == napi_undefined) {
    config.isa = best_isa();
  } else {
    char name[16];
    std::size_t length = 0;
    Isa isa;
    if (type != napi_string || napi_get_value_string_utf8(env, args.argv[1], name, sizeof name, &length) != napi_ok) {
      throw_type_error(args, "isa must be a string or null");
      return nullptr;
    }
    // length is what was copied: a NUL inside the string ("avx2\0junk") would end name early.
    if (length != std::strlen(name)) {
      throw_range_error(args, "unknown isa: it contains a NUL character (expected 'generic', 'avx2' or 'avx512')");
      return nullptr;
    }
    if (!parse_isa(name, &isa)) {
      throw_range_error(args, "unknown isa '%s' (expected 'generic', 'avx2' or 'avx512')", name);
      return nullptr;
    }
    if (!isa_supported(isa)) {
      throw_range_error(args, "isa '%s' is not supported by this CPU (best: '%s')", name, isa_name(best_isa()));
      return nullptr;
    }
    config.isa = isa;
  }
  set_gemm_default_config(config);
  return nullptr;
}

void Export(Napi::Env env, Napi::Object exports, const char* name, napi_callback callback) {
  napi_value fn;
  NAPI_THROW_IF_FAILED_VOID(env, napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, nullptr, &fn));
  exports.Set(name, Napi::Value(env, fn));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  Export(env, exports, "configure", Configure);
  Export(env, exports, "gemm", Gemm);
  Export(env, exports, "addRowVector", AddRowVector);
  Export(env, exports, "sumRows", SumRows);
  Export(env, exports, "activation", ActivationForward);
  Export(env, exports, "activationBackward", ActivationBackward);
  Export(env, exports, "activationBackwardFromInput", ActivationBackwardFromInput);
  Export(env, exports, "softmax", Softmax);
  Export(env, exports, "softmaxBackward", SoftmaxBackward);
  Export(env, exports, "softmaxCrossEntropy", SoftmaxCrossEntropy);
  Export(env, exports, "mse", Mse);
  Export(env, exports, "sigmoidBinaryCrossEntropy", SigmoidBinaryCrossEntropy);
  Export(env, exports, "l1Loss", L1Loss);
  Export(env, exports, "huber", Huber);
  Export(env, exports, "multiMargin", MultiMargin);
  Export(env, exports, "add", Add);
  Export(env, exports, "sub", Sub);
  Export(env, exports, "mul", Mul);
  Export(env, exports, "mulAdd", MulAdd);
  Export(env, exports, "axpy", Axpy);
  Export(env, exports, "scale", Scale);
  Export(env, exports, "sumSquares", SumSquares);
  Export(env, exports, "l1Gradient", L1Gradient);
  Export(env, exports, "im2col", Im2col);
  Export(env, exports, "col2im", Col2im);
  Export(env, exports, "transposeBatch", TransposeBatch);
  Export(env, exports, "conv2d", Conv2d);
  Export(env, exports, "conv2dWeightGrad", Conv2dWeightGrad);
  Export(env, exports, "maxPool2d", MaxPool2d);
  Export(env, exports, "maxPool2dBackward", MaxPool2dBackward);
  Export(env, exports, "avgPool2d", AvgPool2d);
  Export(env, exports, "avgPool2dBackward", AvgPool2dBackward);
  Export(env, exports, "channelMoments", ChannelMoments);
  Export(env, exports, "channelAffine", ChannelAffine);
  Export(env, exports, "channelSums", ChannelSums);
  Export(env, exports, "normalizeBackward", NormalizeBackward);
  Export(env, exports, "gatherRows", GatherRows);
  Export(env, exports, "scatterAddRows", ScatterAddRows);
  Export(env, exports, "sgdStep", SgdStep);
  Export(env, exports, "adamStep", AdamStep);
  Export(env, exports, "rmspropStep", RmspropStep);
  Export(env, exports, "adagradStep", AdagradStep);
  Export(env, exports, "adamaxStep", AdamaxStep);
  Export(env, exports, "nadamStep", NadamStep);
  return exports;
}

}  // namespace
}  // namespace binding
}  // namespace backprop

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return backprop::binding::Init(env, exports); }

NODE_API_MODULE(backprop, InitModule)
