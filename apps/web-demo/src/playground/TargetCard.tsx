import type { ExplainStep } from '../worker/protocol.js';
import { fmt } from '../explain/notation.js';
import type { NetTarget } from './net-target.js';

/** A number shown short, the exact value in data-value. */
const N = ({ v, id }: { v: number | undefined; id: string }) =>
  v === undefined ? <span>—</span> : <b data-testid={id} data-value={String(v)}>{fmt(v)}</b>;

/** The hovered neuron's value and δ, or the hovered link's weight and gradient, on training example 1 (from core's backward pass). */
export function TargetCard({ target, step }: { target: NetTarget; step: ExplainStep | null }) {
  const layer = step?.layers[target.layer];
  return (
    <div data-testid="target-card">
      <div>{target.label}</div>
      {target.kind === 'neuron' ? (
        <>
          <div>
            value a = <N v={layer?.output[target.unit]} id="card-value" />
          </div>
          <div>
            δ = ∂L/∂z = <N v={layer?.delta[target.unit]} id="card-delta" />
          </div>
        </>
      ) : (
        <>
          <div>
            weight = <N v={layer ? layer.kernel[target.index] : target.weight} id="card-weight" />
          </div>
          <div>
            gradient ∂L/∂w = <N v={layer?.kernelGrad[target.index]} id="card-gradient" />
          </div>
          <div className="hint">click to edit the weight</div>
        </>
      )}
      <div className="hint">{step ? 'on training example 1' : 'computing…'}</div>
    </div>
  );
}
