import { useEffect, useRef } from 'react';
import { DOMAIN, type Points2D } from '../data/toy-datasets.js';
import { divergingCss } from '../ui/colors.js';
import { Heatmap } from '../ui/Heatmap.js';

export interface DecisionSurfaceProps {
  /** Values over the grid, read as output[offset + i·stride]. */
  readonly output: Float32Array | null;
  readonly offset?: number;
  readonly stride?: number;
  /** The values are a hidden neuron's output (already in [-1, 1] scale), not the network's. */
  readonly neuron?: boolean;
  readonly gridSize: number;
  readonly problem: 'classification' | 'regression';
  readonly discretize: boolean;
  readonly points: Points2D;
  readonly train: Uint32Array;
  readonly test: Uint32Array;
  readonly showTest: boolean;
  readonly size: number;
}

/**
 * The network's output over the input plane with the data on it: training points ringed in
 * white, test points (when shown) ringed in black, as in Playground.
 */
export function DecisionSurface(props: DecisionSurfaceProps) {
  const overlay = useRef<HTMLCanvasElement>(null);
  const { points, train, test, showTest, size, problem } = props;

  useEffect(() => {
    const canvas = overlay.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * dpr);
    canvas.height = Math.round(size * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const toPx = (v: number): number => ((v + DOMAIN) / (2 * DOMAIN)) * size;
    const draw = (idx: Uint32Array, ring: string): void => {
      for (const i of idx) {
        const label = points.label[i] as number;
        ctx.beginPath();
        ctx.arc(toPx(points.x[i] as number), size - toPx(points.y[i] as number), 3, 0, 2 * Math.PI);
        ctx.fillStyle = divergingCss(problem === 'classification' ? label * 2 - 1 : label);
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = ring;
        ctx.stroke();
      }
    };
    draw(train, '#fff');
    if (showTest) draw(test, '#000');
  }, [points, train, test, showTest, size, problem]);

  return (
    <div className="surface" style={{ width: size, height: size }}>
      <Heatmap
        values={props.output}
        size={props.gridSize}
        offset={props.offset ?? 0}
        stride={props.stride ?? 1}
        displaySize={size}
        scale={problem === 'classification' && !props.neuron ? 2 : 1}
        shift={problem === 'classification' && !props.neuron ? -0.5 : 0}
        discretize={props.discretize}
        // Muted, as in Playground: the points on top keep full colour and stay visible.
        gain={0.6}
        className="smooth"
        label="decision surface of the output"
      />
      <canvas ref={overlay} className="surface-points" style={{ width: size, height: size }} aria-hidden="true" />
    </div>
  );
}
