/** "1 input", "4 inputs": a number with its noun, singular for exactly one (for messages). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
