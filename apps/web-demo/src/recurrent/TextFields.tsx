import { fieldNumber } from '../ui/field-number.js';
import type { TextTask } from '../worker/protocol.js';

// Core's seeds are 32-bit words.
const MAX_SEED = 2 ** 32 - 1;

/** The text task's own fields: the rows to train on and how to sample (as `backprop generate`'s flags). */
export function TextFields({ value: s, onChange: set }: { readonly value: TextTask; readonly onChange: (patch: Partial<TextTask>) => void }) {
  return (
    <>
      <label>
        <span>Training windows</span>
        <input type="number" min={50} max={4000} value={s.rows} onChange={(e) => set({ rows: fieldNumber(e.target.value, s.rows, { min: 50, max: 4000, integer: true }) })} />
      </label>
      <label>
        <span>Prompt</span>
        <input type="text" value={s.prompt} onChange={(e) => set({ prompt: e.target.value })} />
      </label>
      <label>
        <span>Characters to generate</span>
        <input type="number" min={1} max={1000} value={s.length} onChange={(e) => set({ length: fieldNumber(e.target.value, s.length, { min: 1, max: 1000, integer: true }) })} />
      </label>
      <label>
        <span>Temperature</span>
        <input type="number" min={0} step={0.1} value={s.temperature} onChange={(e) => set({ temperature: fieldNumber(e.target.value, s.temperature, { min: 0, max: 10 }) })} />
      </label>
      <label>
        <span>Sampling seed</span>
        <input type="number" min={0} value={s.sampleSeed} onChange={(e) => set({ sampleSeed: fieldNumber(e.target.value, s.sampleSeed, { min: 0, max: MAX_SEED, integer: true }) })} />
      </label>
    </>
  );
}
