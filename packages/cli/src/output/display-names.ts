/**
 * Names as a person reads them, safe for a terminal. Class and feature names come from files
 * (a model's metadata, a CSV header) and may hold anything: a character model's classes are its
 * vocabulary ('\n', ' ', ',' …), and a crafted file may hold escape sequences ("\u001b[31m",
 * "\r") that would recolour or overwrite the terminal. So when any name of a set is not plain,
 * every name of the set is shown JSON-quoted with every control, format or line-separator
 * character escaped ("\n", " ", ",", "\u001b[31m"), and a set of plain names (setosa,
 * versicolor) is left as it is.
 */

/**
 * Plain: non-empty, no whitespace at either end or other than the space, no control or
 * invisible (format) characters, and no comma or double quote (the separators of a list).
 */
function isPlain(name: string): boolean {
  return name !== '' && name.trim() === name && !/[^\S ]|[\p{C},"]/u.test(name);
}

/** Characters JSON.stringify leaves as they are but a terminal may act on: DEL, C1 controls (CSI), format, separators. */
const UNSAFE = /[\p{C}\p{Zl}\p{Zp}]/gu;

const escapeUnit = (c: string): string =>
  Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** Text with every character a terminal could act on written as a JSON escape (\n, \u001b, \u009b …). */
export function escapeControls(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(UNSAFE, escapeUnit);
}

/** A name JSON-quoted with every control character escaped. */
function quote(name: string): string {
  return `"${escapeControls(name)}"`;
}

/** The names to print, in order: as they are when all are plain, else each JSON-quoted. */
export function displayNames(names: readonly string[]): string[] {
  return names.every(isPlain) ? [...names] : names.map(quote);
}

/** One name to print: as it is when plain, else JSON-quoted. */
export function displayName(name: string): string {
  return isPlain(name) ? name : quote(name);
}

/** Names in single quotes for a sentence ('setosa', 'versicolor'), or each JSON-quoted when any is not plain. */
export function quotedNames(names: readonly string[]): string[] {
  return names.every(isPlain) ? names.map((name) => `'${name}'`) : names.map(quote);
}

/**
 * JSON text (JSON.stringify's output) with the characters a terminal could act on that
 * JSON.stringify leaves raw (DEL, C1 controls, format characters, line separators) escaped:
 * still the same JSON value.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE, escapeUnit);
}
