// Argument validation for the N-API entry points. Every check either fills its output and
// returns true, or throws a JS TypeError/RangeError naming the function and the argument
// and returns false (the caller then returns nullptr at once). Nothing here allocates on
// the success path: argv lives on the stack and messages are formatted only on failure.
#pragma once

#include <node_api.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "types.h"

namespace backprop {
namespace binding {

/** Most arguments any entry point takes (conv2dWeightGrad: 18). */
constexpr std::size_t kMaxArgs = 18;

/** The arguments of one call. */
struct Args {
  napi_env env;
  const char* fn;  // the entry point's name, for messages
  std::size_t argc;
  napi_value argv[kMaxArgs + 1];
};

/** A validated Float32Array view: data already includes the view's byteOffset. */
struct FloatView {
  float* data;
  index_t length;  // elements in the view
  index_t used;    // elements the call will touch (the required count)
};

/** A validated Int32Array view (max pooling's argmax), like FloatView. */
struct IndexView {
  std::int32_t* data;
  index_t length;
  index_t used;
};

/** Fetches exactly `expected` arguments (TypeError on any other count). */
bool get_args(napi_env env, napi_callback_info info, const char* fn, std::size_t expected, Args* args);

/** A boolean (TypeError otherwise). */
bool get_bool(Args& args, std::size_t index, const char* name, bool* out);

/**
 * A finite number: scale factors and hyper-parameters (TypeError if not a number, RangeError for
 * NaN and ±Infinity, which would otherwise spread through every element the op writes).
 */
bool get_number(Args& args, std::size_t index, const char* name, double* out);

/** A size: a number that is a finite, non-negative safe integer (TypeError / RangeError). */
bool get_size(Args& args, std::size_t index, const char* name, index_t* out);

/** A size ≥ 1 (a kernel, stride or dilation): "<name> must be a positive integer (got v)" otherwise. */
bool get_positive_size(Args& args, std::size_t index, const char* name, index_t* out);

/**
 * A Float32Array with at least `need` elements (TypeError if not a Float32Array, RangeError
 * if too short). `need_text` says where the count comes from, e.g. "m·k". With `nullable`,
 * null or undefined give data = nullptr.
 */
bool get_floats(Args& args, std::size_t index, const char* name, index_t need, const char* need_text, FloatView* out,
                bool nullable = false);

/**
 * An Int32Array with at least `need` elements (TypeError if not an Int32Array, RangeError if too
 * short), as get_floats.
 */
bool get_int32s(Args& args, std::size_t index, const char* name, index_t need, const char* need_text, IndexView* out);

/** The product of sizes, or a RangeError if it exceeds what any array can hold. */
bool size_product(Args& args, index_t a, index_t b, const char* what, index_t* out);

/**
 * The product of several sizes, or a RangeError "<what> = a·b·c is larger than any array" if it exceeds
 * 2^53 − 1 (a product with a zero factor is 0, however large the others).
 */
bool size_product(Args& args, std::initializer_list<index_t> factors, const char* what, index_t* out);

/** RangeError unless x and y (their used parts) are the same memory or do not overlap. */
bool same_or_disjoint(Args& args, const FloatView& x, const char* x_name, const FloatView& y, const char* y_name);

/** RangeError if the used parts of x and y share any byte. */
bool disjoint(Args& args, const FloatView& x, const char* x_name, const FloatView& y, const char* y_name);
bool disjoint(Args& args, const IndexView& x, const char* x_name, const FloatView& y, const char* y_name);
bool disjoint(Args& args, const FloatView& x, const char* x_name, const IndexView& y, const char* y_name);

/**
 * Row ids stored as floats: RangeError "<name>[i] = v is not an integer in [0, limit)" for the first
 * of ids[0..n) that is not.
 */
bool check_ids(Args& args, const char* name, const float* ids, index_t n, index_t limit);

/** Int32 indices: RangeError "<name>[i] = v is not in [0, limit)" for the first of idx[0..n) that is not. */
bool check_indices(Args& args, const char* name, const std::int32_t* idx, index_t n, index_t limit);

/** Throws a TypeError / RangeError / Error "<fn>: <printf message>". */
void throw_type_error(Args& args, const char* format, ...) __attribute__((format(printf, 2, 3)));
void throw_range_error(Args& args, const char* format, ...) __attribute__((format(printf, 2, 3)));
void throw_error(Args& args, const char* format, ...) __attribute__((format(printf, 2, 3)));

/** A JS number (nullptr with an exception pending on failure). */
napi_value make_number(napi_env env, double value);

}  // namespace binding
}  // namespace backprop
