/** How the explainer shows numbers: short on screen, the exact value in data-value for tests and copy-paste. */
import { fmt } from './notation.js';

export function Num({ v, testId, attrs }: { v: number; testId?: string; attrs?: Record<string, string> }) {
  return (
    <span className="num" data-value={String(v)} data-testid={testId} title={String(v)} {...attrs}>
      {fmt(v)}
    </span>
  );
}

/** A layer's vector (aˡ or δˡ), one entry per unit; without a testId it is context, not the stage's result. */
export function Vector({ values, symbol, layer, testId }: { values: ArrayLike<number>; symbol: string; layer: number; testId?: string }) {
  return (
    <ol className="vector" aria-label={`${symbol} of layer ${layer}`}>
      {Array.from(values, (v, j) => (
        <li key={j}>
          {symbol}
          <sup>{layer}</sup>
          <sub>{j + 1}</sub> = <Num v={v} {...(testId ? { testId: `${testId}-${j}` } : {})} />
        </li>
      ))}
    </ol>
  );
}
