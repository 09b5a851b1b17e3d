/** "1 output", "4 outputs": a number with its noun, singular for exactly one. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
