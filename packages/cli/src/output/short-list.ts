import { displayNames } from './display-names.js';

/**
 * A list of names for a person to read: whole when short, else the first few, the last and the
 * count, so that an MNIST model's 784 pixel names do not fill the terminal. Names go through
 * displayNames, so control characters from a file never reach the terminal raw.
 */
export function shortList(names: readonly string[], max = 8): string {
  const shown = displayNames(names);
  if (shown.length <= max) return shown.join(', ');
  return `${shown.slice(0, max - 2).join(', ')}, …, ${shown[shown.length - 1]} (${shown.length} in all)`;
}
