/**
 * Class names as a person reads them. A character model's classes are its vocabulary
 * ('\n', ' ', ',' …): printed raw they break lines, vanish, or merge with the list's own
 * separators. So when any name of a set is not plain, every name of the set is shown
 * JSON-quoted ("\n", " ", ","), and a set of plain names (setosa, versicolor) is left as it is.
 */

/**
 * Plain: non-empty, no whitespace at either end or other than the space, no control or
 * invisible (format) characters, and no comma or double quote (the separators of a list).
 */
function isPlain(name: string): boolean {
  return name !== '' && name.trim() === name && !/[^\S ]|[\p{C},"]/u.test(name);
}

/** The names to print, in order: as they are when all are plain, else each JSON-quoted. */
export function displayNames(names: readonly string[]): string[] {
  return names.every(isPlain) ? [...names] : names.map((name) => JSON.stringify(name));
}
