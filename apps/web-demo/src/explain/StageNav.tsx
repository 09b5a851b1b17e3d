/**
 * Previous / Next through the walk-through's stages, and the stage indicator (read out politely).
 * At either end the button stays focusable and says it is disabled, so that stepping with the
 * keyboard never drops the focus.
 */
export function StageNav({ index, count, indicator, onMove }: { index: number; count: number; indicator: string; onMove: (index: number) => void }) {
  const atStart = index <= 0;
  const atEnd = index >= count - 1;
  return (
    <div className="stage-nav">
      <button type="button" aria-disabled={atStart} onClick={() => !atStart && onMove(index - 1)}>
        Previous stage
      </button>
      <button type="button" aria-disabled={atEnd} onClick={() => !atEnd && onMove(index + 1)}>
        Next stage
      </button>
      <p className="stage-indicator" aria-live="polite" data-testid="explain-stage" data-stage={index}>
        {indicator}
      </p>
    </div>
  );
}
