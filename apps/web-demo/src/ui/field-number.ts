/**
 * A number typed into a form field, held within the bounds the field shows (its min and max
 * attributes only limit the spinner: typed text passes them). Blank or unreadable text
 * (a lone '-' or 'e' in a number field reads as '') keeps the previous value.
 */
export interface FieldBounds {
  readonly min: number;
  readonly max?: number;
  /** Rounded to a whole number (sizes, counts, seeds). */
  readonly integer?: boolean;
}

export function fieldNumber(text: string, previous: number, { min, max = Number.POSITIVE_INFINITY, integer = false }: FieldBounds): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return previous;
  return Math.min(max, Math.max(min, integer ? Math.round(v) : v));
}
