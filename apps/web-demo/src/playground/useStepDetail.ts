import { useEffect, useRef, useState } from 'react';
import type { ExplainStep } from '../worker/protocol.js';

/**
 * The explained step on the first training example, kept for the current weights while
 * `active` (something in the network is hovered): each neuron's value and δ and each weight's
 * gradient, from core. One request at a time; a newer version asks again when it answers.
 */
export function useStepDetail(explain: (row: number) => Promise<ExplainStep>, version: number, active: boolean): ExplainStep | null {
  const [step, setStep] = useState<{ version: number; step: ExplainStep } | null>(null);
  const busy = useRef(false);
  const [answered, setAnswered] = useState(0);
  useEffect(() => {
    if (!active || busy.current || step?.version === version) return;
    busy.current = true;
    explain(0)
      .then(
        (s) => setStep({ version, step: s }),
        () => setStep(null),
      )
      .finally(() => {
        busy.current = false;
        setAnswered((n) => n + 1);
      });
  }, [explain, version, active, step, answered]);
  return step ? step.step : null;
}
