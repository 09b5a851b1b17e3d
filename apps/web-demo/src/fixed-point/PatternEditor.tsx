/** A bit of the cue: known 1 or 0, or unknown (0.5, left for the network to fill in). */
export type CueBit = 0 | 1 | 0.5;

const NEXT: Record<string, CueBit> = { '1': 0, '0': 0.5, '0.5': 1 };
const NAME: Record<string, string> = { '1': 'on', '0': 'off', '0.5': 'unknown' };

/** The cue's bits as buttons: each press turns a bit on → off → unknown → on. */
export function PatternEditor({ cue, onChange, disabled }: { readonly cue: readonly CueBit[]; readonly onChange: (cue: CueBit[]) => void; readonly disabled?: boolean }) {
  return (
    <div className="bits" role="group" aria-label="cue: the clamped input bits">
      {cue.map((b, i) => (
        <button
          key={i}
          type="button"
          className={`bit bit-${NAME[String(b)]}`}
          aria-label={`bit ${i + 1}: ${NAME[String(b)]}`}
          disabled={disabled}
          onClick={() => onChange(cue.map((v, j) => (j === i ? (NEXT[String(v)] as CueBit) : v)))}
        >
          {b === 0.5 ? '?' : b}
        </button>
      ))}
    </div>
  );
}
