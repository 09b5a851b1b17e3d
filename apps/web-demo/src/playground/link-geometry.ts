/**
 * Where the network view's links run, for finding the one under the pointer: each link is the
 * cubic Bézier the canvas draws, from (x1, y1) to (x2, y2) with both control points at the
 * middle x.
 */
export interface LinkPath {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** The point at t ∈ [0, 1] along a link. */
export function linkPoint(k: LinkPath, t: number): { x: number; y: number } {
  const mid = (k.x1 + k.x2) / 2;
  const u = 1 - t;
  const b0 = u * u * u;
  const b1 = 3 * u * u * t;
  const b2 = 3 * u * t * t;
  const b3 = t * t * t;
  return { x: b0 * k.x1 + (b1 + b2) * mid + b3 * k.x2, y: (b0 + b1) * k.y1 + (b2 + b3) * k.y2 };
}

const SAMPLES = 32;

/** The index of the link nearest to (x, y), or −1 when none passes within `reach` pixels. */
export function nearestLink(links: readonly LinkPath[], x: number, y: number, reach: number): number {
  let best = -1;
  let bestD = reach * reach;
  links.forEach((k, i) => {
    if (x < Math.min(k.x1, k.x2) - reach || x > Math.max(k.x1, k.x2) + reach) return;
    for (let s = 0; s <= SAMPLES; s++) {
      const p = linkPoint(k, s / SAMPLES);
      const d = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
  });
  return best;
}
