#include "args.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace backprop {
namespace binding {
namespace {

// 2^53 − 1: beyond this a JS number is no longer an exact integer.
constexpr double kMaxSafeInteger = 9007199254740991.0;

enum class ErrorKind { type, range, plain };

void vthrow(Args& args, ErrorKind kind, const char* format, va_list ap) {
  char message[512];
  int written = std::snprintf(message, sizeof message, "%s: ", args.fn);
  if (written < 0) written = 0;
  std::vsnprintf(message + written, sizeof message - static_cast<std::size_t>(written), format, ap);
  switch (kind) {
    case ErrorKind::type: napi_throw_type_error(args.env, "ERR_INVALID_ARG_TYPE", message); break;
    case ErrorKind::range: napi_throw_range_error(args.env, "ERR_OUT_OF_RANGE", message); break;
    case ErrorKind::plain: napi_throw_error(args.env, nullptr, message); break;
  }
}

const char* typed_array_name(napi_typedarray_type kind) {
  switch (kind) {
    case napi_int8_array: return "an Int8Array";
    case napi_uint8_array: return "a Uint8Array";
    case napi_uint8_clamped_array: return "a Uint8ClampedArray";
    case napi_int16_array: return "an Int16Array";
    case napi_uint16_array: return "a Uint16Array";
    case napi_int32_array: return "an Int32Array";
    case napi_uint32_array: return "a Uint32Array";
    case napi_float32_array: return "a Float32Array";
    case napi_float64_array: return "a Float64Array";
    case napi_bigint64_array: return "a BigInt64Array";
    case napi_biguint64_array: return "a BigUint64Array";
    default: return "a typed array";  // kinds newer than these headers (e.g. Float16Array)
  }
}

// A short description of a JS value for messages: its type, or the typed array's kind.
const char* describe(napi_env env, napi_value value) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok) return "an unknown value";
  switch (type) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "a boolean";
    case napi_number: return "a number";
    case napi_string: return "a string";
    case napi_symbol: return "a symbol";
    case napi_function: return "a function";
    case napi_external: return "an external";
    case napi_bigint: return "a bigint";
    case napi_object: break;
  }
  bool flag = false;
  if (napi_is_typedarray(env, value, &flag) == napi_ok && flag) {
    napi_typedarray_type kind;
    if (napi_get_typedarray_info(env, value, &kind, nullptr, nullptr, nullptr, nullptr) == napi_ok) {
      return typed_array_name(kind);
    }
  }
  if (napi_is_array(env, value, &flag) == napi_ok && flag) return "an Array";
  if (napi_is_dataview(env, value, &flag) == napi_ok && flag) return "a DataView";
  if (napi_is_arraybuffer(env, value, &flag) == napi_ok && flag) return "an ArrayBuffer";
  return "an object";
}

// A number as JavaScript's String() writes it (NaN, Infinity, the shortest digits that read
// back exactly), so that messages match the TS backend's. Only called on failure.
struct NumberText {
  char text[32];
};

NumberText js_number(double value) {
  NumberText out;
  if (std::isnan(value)) {
    std::snprintf(out.text, sizeof out.text, "NaN");
  } else if (std::isinf(value)) {
    std::snprintf(out.text, sizeof out.text, value > 0 ? "Infinity" : "-Infinity");
  } else if (value == 0) {
    std::snprintf(out.text, sizeof out.text, "0");  // String(-0) is "0"
  } else {
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(out.text, sizeof out.text, "%.*g", precision, value);
      if (std::strtod(out.text, nullptr) == value) break;
    }
  }
  return out;
}

// The bytes a view's used elements occupy: [begin, begin + size), empty for a null view.
struct ByteRange {
  std::uintptr_t begin, size;
};

template <class View>
ByteRange used_bytes(const View& v) {
  if (v.data == nullptr) return {0, 0};
  return {reinterpret_cast<std::uintptr_t>(v.data), static_cast<std::uintptr_t>(v.used) * sizeof(*v.data)};
}

bool overlaps(ByteRange x, ByteRange y) {
  if (x.size == 0 || y.size == 0) return false;
  return x.begin < y.begin + y.size && y.begin < x.begin + x.size;
}

bool overlaps(const FloatView& x, const FloatView& y) { return overlaps(used_bytes(x), used_bytes(y)); }

bool disjoint_bytes(Args& args, ByteRange x, const char* x_name, ByteRange y, const char* y_name) {
  if (!overlaps(x, y)) return true;
  throw_range_error(args, "%s must not overlap %s", x_name, y_name);
  return false;
}

}  // namespace

void throw_type_error(Args& args, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  vthrow(args, ErrorKind::type, format, ap);
  va_end(ap);
}

void throw_range_error(Args& args, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  vthrow(args, ErrorKind::range, format, ap);
  va_end(ap);
}

void throw_error(Args& args, const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  vthrow(args, ErrorKind::plain, format, ap);
  va_end(ap);
}

bool get_args(napi_env env, napi_callback_info info, const char* fn, std::size_t expected, Args* args) {
  args->env = env;
  args->fn = fn;
  // Ask for one more than the most we take, so that too many arguments are seen.
  args->argc = kMaxArgs + 1;
  if (napi_get_cb_info(env, info, &args->argc, args->argv, nullptr, nullptr) != napi_ok) {
    throw_error(*args, "could not read the arguments");
    return false;
  }
  if (args->argc != expected) {
    throw_type_error(*args, "expected %zu arguments, got %zu%s", expected, args->argc,
                     args->argc > kMaxArgs ? " or more" : "");
    return false;
  }
  return true;
}

// The getters below call the one N-API function that both checks the type and reads the
// value (it returns an error status, without throwing, for the wrong type): one call per
// argument on the success path keeps a call of a small op cheap (~10 N-API calls for gemm).

bool get_bool(Args& args, std::size_t index, const char* name, bool* out) {
  if (napi_get_value_bool(args.env, args.argv[index], out) != napi_ok) {
    throw_type_error(args, "%s must be a boolean (got %s)", name, describe(args.env, args.argv[index]));
    return false;
  }
  return true;
}

namespace {

bool get_double(Args& args, std::size_t index, const char* name, double* out) {
  if (napi_get_value_double(args.env, args.argv[index], out) != napi_ok) {
    throw_type_error(args, "%s must be a number (got %s)", name, describe(args.env, args.argv[index]));
    return false;
  }
  return true;
}

}  // namespace

bool get_number(Args& args, std::size_t index, const char* name, double* out) {
  if (!get_double(args, index, name, out)) return false;
  if (!std::isfinite(*out)) {
    throw_range_error(args, "%s must be a finite number (got %s)", name, js_number(*out).text);
    return false;
  }
  return true;
}

namespace {

// An integer number in [least, 2^53 − 1]; `what` names the rule in the message.
bool get_integer(Args& args, std::size_t index, const char* name, double least, const char* what, index_t* out) {
  double value;
  if (!get_double(args, index, name, &value)) return false;
  if (!(value >= least && value <= kMaxSafeInteger) || std::floor(value) != value) {
    throw_range_error(args, "%s must be a %s integer (got %s)", name, what, js_number(value).text);
    return false;
  }
  *out = static_cast<index_t>(value);
  return true;
}

}  // namespace

bool get_size(Args& args, std::size_t index, const char* name, index_t* out) {
  return get_integer(args, index, name, 0, "non-negative", out);
}

bool get_positive_size(Args& args, std::size_t index, const char* name, index_t* out) {
  return get_integer(args, index, name, 1, "positive", out);
}

bool size_product(Args& args, std::initializer_list<index_t> factors, const char* what, index_t* out) {
  index_t product = 1;
  bool overflow = false;
  for (index_t f : factors) {
    if (f == 0) {
      *out = 0;
      return true;
    }
    if (product > static_cast<index_t>(kMaxSafeInteger) / f) overflow = true;
    if (!overflow) product *= f;
  }
  if (overflow) {
    char text[256];
    std::size_t used = 0;
    for (index_t f : factors) {
      const int n = std::snprintf(text + used, sizeof text - used, "%s%lld", used == 0 ? "" : "·", static_cast<long long>(f));
      if (n < 0 || static_cast<std::size_t>(n) >= sizeof text - used) break;
      used += static_cast<std::size_t>(n);
    }
    throw_range_error(args, "%s = %s is larger than any array", what, text);
    return false;
  }
  *out = product;
  return true;
}

bool size_product(Args& args, index_t a, index_t b, const char* what, index_t* out) {
  return size_product(args, {a, b}, what, out);
}

namespace {

// Reads a typed array of `kind` (`kind_name` for messages) with at least `need` elements into
// data/length; with `nullable`, null or undefined give data = nullptr and length 0.
bool get_typed(Args& args, std::size_t index, const char* name, napi_typedarray_type kind, const char* kind_name,
               index_t need, const char* need_text, bool nullable, void** data, std::size_t* length) {
  napi_value value = args.argv[index];
  napi_typedarray_type got = napi_int8_array;
  if (napi_get_typedarray_info(args.env, value, &got, length, data, nullptr, nullptr) != napi_ok || got != kind) {
    napi_valuetype type;
    if (nullable && napi_typeof(args.env, value, &type) == napi_ok && (type == napi_null || type == napi_undefined)) {
      *data = nullptr;
      *length = 0;
      return true;
    }
    throw_type_error(args, "%s must be %s%s (got %s)", name, kind_name, nullable ? " or null" : "",
                     describe(args.env, value));
    return false;
  }
  // data already points at the view's first element (N-API adds byteOffset).
  if (static_cast<index_t>(*length) < need) {
    throw_range_error(args, "%s has %zu elements but needs %lld (%s)", name, *length, static_cast<long long>(need),
                      need_text);
    return false;
  }
  return true;
}

}  // namespace

bool get_int32s(Args& args, std::size_t index, const char* name, index_t need, const char* need_text, IndexView* out) {
  void* data = nullptr;
  std::size_t length = 0;
  if (!get_typed(args, index, name, napi_int32_array, "an Int32Array", need, need_text, false, &data, &length)) {
    return false;
  }
  *out = IndexView{static_cast<std::int32_t*>(data), static_cast<index_t>(length), need};
  return true;
}

bool get_floats(Args& args, std::size_t index, const char* name, index_t need, const char* need_text, FloatView* out,
                bool nullable) {
  void* data = nullptr;
  std::size_t length = 0;
  if (!get_typed(args, index, name, napi_float32_array, "a Float32Array", need, need_text, nullable, &data, &length)) {
    return false;
  }
  *out = data == nullptr ? FloatView{nullptr, 0, 0} : FloatView{static_cast<float*>(data), static_cast<index_t>(length), need};
  return true;
}

bool same_or_disjoint(Args& args, const FloatView& x, const char* x_name, const FloatView& y, const char* y_name) {
  if (x.data == y.data || !overlaps(x, y)) return true;
  throw_range_error(args, "%s and %s partly overlap: pass the same array (in place) or separate memory", x_name,
                    y_name);
  return false;
}

bool disjoint(Args& args, const FloatView& x, const char* x_name, const FloatView& y, const char* y_name) {
  return disjoint_bytes(args, used_bytes(x), x_name, used_bytes(y), y_name);
}

bool disjoint(Args& args, const IndexView& x, const char* x_name, const FloatView& y, const char* y_name) {
  return disjoint_bytes(args, used_bytes(x), x_name, used_bytes(y), y_name);
}

bool disjoint(Args& args, const FloatView& x, const char* x_name, const IndexView& y, const char* y_name) {
  return disjoint_bytes(args, used_bytes(x), x_name, used_bytes(y), y_name);
}

bool check_ids(Args& args, const char* name, const float* ids, index_t n, index_t limit) {
  const double top = static_cast<double>(limit);
  for (index_t i = 0; i < n; ++i) {
    const double id = ids[i];
    if (!(id >= 0 && id < top) || std::floor(id) != id) {
      throw_range_error(args, "%s[%lld] = %s is not an integer in [0, %lld)", name, static_cast<long long>(i),
                        js_number(id).text, static_cast<long long>(limit));
      return false;
    }
  }
  return true;
}

bool check_indices(Args& args, const char* name, const std::int32_t* idx, index_t n, index_t limit) {
  for (index_t i = 0; i < n; ++i) {
    if (idx[i] < 0 || idx[i] >= limit) {
      throw_range_error(args, "%s[%lld] = %d is not in [0, %lld)", name, static_cast<long long>(i), idx[i],
                        static_cast<long long>(limit));
      return false;
    }
  }
  return true;
}

napi_value make_number(napi_env env, double value) {
  napi_value result = nullptr;
  if (napi_create_double(env, value, &result) != napi_ok) return nullptr;
  return result;
}

}  // namespace binding
}  // namespace backprop
