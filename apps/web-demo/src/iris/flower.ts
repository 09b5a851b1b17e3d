/**
 * The Classify form's measurements, read from the fields' text only when Classify is pressed, so
 * an emptied field is reported by name instead of being classified as a 0 cm measurement.
 */

/** 'sepal_width' → 'sepal width' */
export function measurementLabel(featureName: string): string {
  return featureName.replace(/_/g, ' ');
}

/** The measurements in cm; throws a message naming the first missing or impossible one. */
export function readFlower(texts: readonly string[], featureNames: readonly string[]): number[] {
  if (texts.length !== featureNames.length) throw new RangeError(`expected ${featureNames.length} measurements, got ${texts.length}`);
  return texts.map((text, i) => {
    const name = measurementLabel(featureNames[i] as string);
    // A number field reads as '' while it holds unreadable text, so '' covers both.
    if (text.trim() === '') throw new RangeError(`Enter the ${name} (cm) to classify a flower.`);
    const v = Number(text);
    if (!Number.isFinite(v)) throw new RangeError(`The ${name} must be a number of cm, got '${text}'.`);
    if (v < 0) throw new RangeError(`The ${name} cannot be negative, got ${text} cm.`);
    return v;
  });
}
