/**
 * A list of names for a person to read: whole when short, else the first few, the last and the
 * count, so that an MNIST model's 784 pixel names do not fill the terminal.
 */
export function shortList(names: readonly string[], max = 8): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max - 2).join(', ')}, …, ${names[names.length - 1]} (${names.length} in all)`;
}
