import { useCallback, useEffect, useState } from 'react';
import { divergingCss } from '../ui/colors.js';
import { StateGrid } from '../ui/StateGrid.js';
import type { FixedPointTrace } from '../worker/protocol.js';

/** Milliseconds per sweep while playing. */
const SWEEP_MS = 60;

type Phase = 'forward' | 'adjoint';

/** Unit states in (0, 1) (sigmoid) or (−1, 1) (tanh) as the diverging scale's [−1, 1]. */
const stateColour = (v: number, act: FixedPointTrace['activation']): string => divergingCss(act === 'sigmoid' ? 2 * v - 1 : v);

/**
 * The two relaxations of one cue, sweep by sweep: the free units settling forward from 0 to the
 * fixed point, then the adjoint δ settling backward from the output error. A slider picks the
 * sweep; Play steps through both phases.
 */
export function RelaxationView({ trace }: { readonly trace: FixedPointTrace }) {
  const [{ phase, sweep }, setAt] = useState<{ phase: Phase; sweep: number }>({ phase: 'forward', sweep: 0 });
  const [playing, setPlaying] = useState(true);
  const sweeps = phase === 'forward' ? trace.forward : trace.adjoint;
  const last = sweeps.length - 1;
  const setPhase = (p: Phase): void => setAt({ phase: p, sweep: 0 });
  const setSweep = (k: number): void => setAt((a) => ({ ...a, sweep: k }));

  useEffect(() => {
    setAt({ phase: 'forward', sweep: 0 });
    setPlaying(true);
  }, [trace]);

  // Forward sweeps, then the adjoint's, then stop at the adjoint's fixed point.
  const done = phase === 'adjoint' && sweep >= last;
  useEffect(() => {
    if (!playing) return;
    if (done) {
      setPlaying(false);
      return;
    }
    const id = setInterval(() => {
      setAt((a) => {
        const end = (a.phase === 'forward' ? trace.forward : trace.adjoint).length - 1;
        if (a.sweep < end) return { ...a, sweep: a.sweep + 1 };
        return a.phase === 'forward' ? { phase: 'adjoint', sweep: 0 } : a;
      });
    }, SWEEP_MS);
    return () => clearInterval(id);
  }, [playing, done, trace]);

  const state = sweeps[Math.min(sweep, last)] ?? [];
  const nf = trace.hidden + trace.outputs;
  // δ spans no fixed range: its colours are scaled by the largest |δ| of the relaxation.
  const deltaMax = Math.max(1e-12, ...trace.adjoint.flat().map(Math.abs));
  const colour = (v: number): string => (phase === 'forward' ? stateColour(v, trace.activation) : divergingCss(v / deltaMax));
  const values = sweeps.flat();
  const at = useCallback((c: number, r: number) => {
    const v = sweeps[c]?.[r] ?? 0;
    return phase === 'forward' ? (trace.activation === 'sigmoid' ? 2 * v - 1 : v) : v / deltaMax;
  }, [sweeps, phase, trace.activation, deltaMax]);
  const outputs = state.slice(trace.hidden);

  return (
    <div className="relaxation">
      <div className="actions">
        <button type="button" onClick={() => setPlaying((p) => !p)} data-testid="fp-play">
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          <span>Phase</span>
          <select aria-label="Phase" value={phase} onChange={(e) => { setPhase(e.target.value as Phase); setSweep(0); setPlaying(false); }}>
            <option value="forward">forward relaxation</option>
            <option value="adjoint">adjoint (error) relaxation</option>
          </select>
        </label>
        <label>
          <span>Sweep</span>
          <input type="range" aria-label="Sweep" min={0} max={last} value={Math.min(sweep, last)} onChange={(e) => { setSweep(Number(e.target.value)); setPlaying(false); }} />
        </label>
      </div>
      <p className="hint" data-testid="fp-sweep" aria-live="off">
        {phase === 'forward' ? 'forward' : 'adjoint'} sweep {Math.min(sweep, last)} of {last}
        {Math.min(sweep, last) === last ? (phase === 'forward' ? ' — the fixed point' : ' — δ has settled') : ''}
      </p>
      <UnitRow label="clamped inputs" values={trace.inputs} colour={(v) => stateColour(v, 'sigmoid')} />
      <UnitRow label={phase === 'forward' ? 'hidden units' : 'hidden δ'} values={state.slice(0, trace.hidden)} colour={colour} />
      <UnitRow label={phase === 'forward' ? 'output units' : 'output δ'} values={outputs} colour={colour} />
      {phase === 'forward' && (
        <p className="stats">
          <span>
            completed <b data-testid="fp-completion">{outputs.map((v) => (v > 0.5 ? 1 : 0)).join('')}</b>
          </span>
          <span>
            stored <b>{trace.target.join('')}</b>
          </span>
        </p>
      )}
      <StateGrid values={values} cols={sweeps.length} rows={nf} at={at} label={`${phase} relaxation: ${nf} free units over ${sweeps.length} sweeps`} testId="fp-grid" />
    </div>
  );
}

function UnitRow({ label, values, colour }: { readonly label: string; readonly values: readonly number[]; readonly colour: (v: number) => string }) {
  return (
    <div className="unit-row">
      <span className="hint">{label}</span>
      <div className="units">
        {values.map((v, i) => (
          <span key={i} className="unit" style={{ background: colour(v) }} title={v.toFixed(4)} />
        ))}
      </div>
    </div>
  );
}
