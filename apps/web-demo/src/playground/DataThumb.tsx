import { useEffect, useMemo, useRef } from 'react';
import { DOMAIN, generateToySet, type ToySetName } from '../data/toy-datasets.js';
import { divergingCss } from '../ui/colors.js';

/** A small picture of a data set for the data set picker. */
export function DataThumb({ name, selected, onSelect, label }: { name: ToySetName; selected: boolean; onSelect: () => void; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const pts = useMemo(() => generateToySet(name, 0, 7, 160), [name]);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#f4f5f6';
    ctx.fillRect(0, 0, 40, 40);
    const regression = name.startsWith('reg-');
    for (let i = 0; i < pts.n; i++) {
      const l = pts.label[i] as number;
      ctx.fillStyle = divergingCss(regression ? l : l * 2 - 1);
      ctx.fillRect((((pts.x[i] as number) + DOMAIN) / (2 * DOMAIN)) * 40 - 1, 40 - (((pts.y[i] as number) + DOMAIN) / (2 * DOMAIN)) * 40 - 1, 2.2, 2.2);
    }
  }, [pts, name]);
  return (
    <button type="button" className={`thumb ${selected ? 'selected' : ''}`} aria-pressed={selected} aria-label={`data set ${label}`} title={label} onClick={onSelect}>
      <canvas ref={ref} width={40} height={40} />
    </button>
  );
}
