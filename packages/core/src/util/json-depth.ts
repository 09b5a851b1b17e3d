/**
 * The nesting depth of JSON text, found without parsing it. JSON.parse itself reads any depth,
 * but every recursive walk of the value afterwards (JSON.stringify, a structural check, a clone)
 * overflows the call stack near ten thousand levels: so a reader of untrusted JSON measures the
 * depth first and refuses past a limit.
 */

/** The deepest nesting of objects and arrays that the readers of model headers and config files accept. */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest nesting of `{`/`[` in JSON text, counting brackets outside strings only (a string's
 * escaped quote `\"` does not end it). Stops scanning once the depth passes `limit`, so the result is
 * then `limit + 1`. Malformed text gets a number too; JSON.parse reports what is wrong with it.
 * @param text JSON text
 * @param limit scan no further than this depth (default: the whole text)
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
