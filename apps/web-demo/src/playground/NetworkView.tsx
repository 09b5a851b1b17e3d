import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FEATURES, gridPoints, type FeatureName } from '../data/features.js';
import { DOMAIN } from '../data/toy-datasets.js';
import { Heatmap } from '../ui/Heatmap.js';
import { divergingCss } from '../ui/colors.js';
import type { PlaygroundSnapshot } from '../worker/protocol.js';
import { MAX_HIDDEN_LAYERS, MAX_NEURONS } from './state.js';
import { nearestLink } from './link-geometry.js';
import { linkTargets, unitName as nameOf, type LinkTarget, type NetTarget } from './net-target.js';
import type { NetHighlight } from './stage-highlight.js';

const NODE = 34;
const PITCH = 46;
/** Horizontal distance between layer columns: the widest, and the least before the view scrolls. */
const COL_MAX = 112;
const COL_MIN = 56;
const TOP = 8;
/** Room left of the feature column for the feature names. */
const LABEL_W = 60;
/** How near (px) the pointer must come to a link to pick it. */
const LINK_REACH = 6;

export interface NetworkViewProps {
  readonly features: readonly FeatureName[];
  readonly hidden: readonly number[];
  readonly snapshot: PlaygroundSnapshot | null;
  readonly gridSize: number;
  readonly discretize: boolean;
  readonly problem: 'classification' | 'regression';
  readonly onToggleFeature: (f: FeatureName) => void;
  readonly onHiddenChange: (hidden: number[]) => void;
  /** A hidden neuron under the mouse (to show it large), or null when none is. */
  readonly onHoverNeuron?: (neuron: HoveredNeuron | null) => void;
  /** The neuron or link under the pointer, or null. */
  readonly onHoverTarget?: (target: NetTarget | null) => void;
  /** A link was clicked: edit its weight. */
  readonly onEditLink?: (link: LinkTarget) => void;
  /** What to show beside the pointer while something is hovered. */
  readonly card?: ReactNode;
  /** What the explainer's current stage is about, or null. */
  readonly highlight?: NetHighlight | null;
}

export interface HoveredNeuron {
  /** 0-based hidden layer. */
  readonly layer: number;
  readonly unit: number;
}

/** Each input feature's value over the grid, scaled to [-1, 1] for display. */
function useFeatureMaps(gridSize: number): Map<FeatureName, Float32Array> {
  return useMemo(() => {
    const g = gridPoints(gridSize, DOMAIN);
    const maps = new Map<FeatureName, Float32Array>();
    for (const def of FEATURES) {
      const v = Float32Array.from(g.x, (x, i) => def.f(x, g.y[i] as number));
      let max = 0;
      for (const a of v) max = Math.max(max, Math.abs(a));
      maps.set(def.name, v.map((a) => a / (max || 1)));
    }
    return maps;
  }, [gridSize]);
}

interface Link {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The weight. */
  readonly w: number;
  readonly target: LinkTarget;
}

/**
 * The links drawn on one canvas: redrawing a hundred curves a dozen times a second costs far
 * less there than as SVG elements (no style recalculation per element).
 */
function LinkCanvas({ links, width, height, highlight, onHover, onPick }: { links: readonly Link[]; width: number; height: number; highlight: NetHighlight | null; onHover: (link: Link | null, x: number, y: number) => void; onPick: (link: Link) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
    if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const focused = (k: Link): boolean => highlight?.links === 'all' || highlight?.links === k.target.layer;
    const dimmed = highlight !== null && highlight.links !== 'all';
    // Thin links first so that strong ones stay visible on top; highlighted ones above the rest.
    const order = [...links].sort((a, b) => Number(focused(a)) - Number(focused(b)) || Math.abs(a.w) - Math.abs(b.w));
    for (const k of order) {
      const mid = (k.x1 + k.x2) / 2;
      const path = (): void => {
        ctx.beginPath();
        ctx.moveTo(k.x1, k.y1);
        ctx.bezierCurveTo(mid, k.y1, mid, k.y2, k.x2, k.y2);
      };
      const lineWidth = Math.min(6, 0.5 + Math.abs(k.w) * 2);
      const on = highlight !== null && highlight.links !== null && focused(k);
      if (on) {
        // A halo under the link; dashed when the stage's numbers travel backward along it.
        path();
        ctx.setLineDash(highlight.direction === 'backward' ? [6, 4] : []);
        ctx.strokeStyle = 'rgba(230, 170, 0, 0.9)';
        ctx.lineWidth = lineWidth + 4;
        ctx.stroke();
        ctx.setLineDash([]);
      }
      path();
      ctx.globalAlpha = dimmed && !on ? 0.2 : 1;
      ctx.strokeStyle = divergingCss(Math.sign(k.w) * Math.min(1, 0.25 + Math.abs(k.w) / 2));
      ctx.lineWidth = lineWidth;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }, [links, width, height, highlight]);
  const at = (e: React.MouseEvent<HTMLCanvasElement>): { link: Link | null; x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    return { link: links[nearestLink(links, x, y, LINK_REACH)] ?? null, x, y };
  };
  return (
    <canvas
      ref={ref}
      className="links"
      style={{ width, height }}
      aria-hidden="true"
      onMouseMove={(e) => {
        const h = at(e);
        onHover(h.link, h.x, h.y);
        e.currentTarget.style.cursor = h.link ? 'pointer' : '';
      }}
      onMouseLeave={() => onHover(null, 0, 0)}
      onClick={(e) => {
        const h = at(e);
        if (h.link) onPick(h.link);
      }}
    />
  );
}

const nodeY = (i: number): number => TOP + i * PITCH;

/** The width of an element, kept up to date. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/**
 * The network as Playground draws it: input features (click to toggle), hidden neurons and
 * the output, each a heatmap of its output over the input plane, joined by links whose width
 * and colour follow the weight (blue positive, orange negative).
 */
export function NetworkView(props: NetworkViewProps) {
  const { features, hidden, snapshot, gridSize, discretize, problem } = props;
  const featureMaps = useFeatureMaps(gridSize);
  const active = FEATURES.filter((f) => features.includes(f.name));
  const columns = [FEATURES.length, ...hidden, 1];
  const scroller = useRef<HTMLDivElement>(null);
  const available = useWidth(scroller);
  // Spread the columns over the panel's width, closer together on small screens.
  const col = Math.max(COL_MIN, Math.min(COL_MAX, Math.floor((available - LABEL_W - NODE - 8) / (columns.length - 1)) || COL_MAX));
  const colX = (c: number): number => LABEL_W + c * col;
  const height = TOP * 2 + Math.max(...columns) * PITCH;
  const width = colX(columns.length - 1) + NODE + 8;

  const [hoverAt, setHoverAt] = useState<{ x: number; y: number } | null>(null);
  const hover = (target: NetTarget | null, x = 0, y = 0): void => {
    setHoverAt(target ? { x, y } : null);
    props.onHoverTarget?.(target);
  };
  const unitName = (l: number, j: number): string => nameOf(l, j, hidden.length + 1);

  // Node centres (y) per column; the features column lists all features, links leave only active ones.
  const links: Link[] = snapshot
    ? linkTargets(snapshot.weights, active.map((f) => f.label)).map((target) => {
        const l = target.layer;
        const units = (snapshot.weights[l] as (typeof snapshot.weights)[number]).units;
        const i = Math.floor(target.index / units);
        const j = target.index % units;
        const src = l === 0 ? FEATURES.indexOf(active[i] as (typeof active)[number]) : i;
        return { x1: colX(l) + NODE, y1: nodeY(src) + NODE / 2, x2: colX(l + 1), y2: nodeY(j) + NODE / 2, w: target.weight, target };
      })
    : [];

  const setLayer = (l: number, units: number): void => {
    const next = [...hidden];
    next[l] = Math.max(1, Math.min(MAX_NEURONS, units));
    props.onHiddenChange(next);
  };
  const last = snapshot?.layerOutputs[snapshot.layerOutputs.length - 1] ?? null;
  const focusClass = (layer: number): string => (props.highlight?.units === layer ? 'node explain-focus' : 'node');
  const h = props.highlight ?? null;

  return (
    <div className="network" data-highlight-units={h?.units ?? ''} data-highlight-links={h?.links ?? ''} data-highlight-direction={h?.direction ?? ''}>
      <div className="layer-controls" aria-label="hidden layers">
        <button type="button" aria-label="add a hidden layer" disabled={hidden.length >= MAX_HIDDEN_LAYERS} onClick={() => props.onHiddenChange([...hidden, 2])}>
          +
        </button>
        <button type="button" aria-label="remove the last hidden layer" disabled={hidden.length === 0} onClick={() => props.onHiddenChange(hidden.slice(0, -1))}>
          −
        </button>
        <span>
          {hidden.length} hidden layer{hidden.length === 1 ? '' : 's'}
        </span>
      </div>
      <div className="network-scroll" ref={scroller}>
        <div className="network-canvas" style={{ width, height: height + 34 }}>
          <div className="neuron-controls-row" style={{ height: 30 }}>
            {hidden.map((units, l) => (
              <div key={l} className="neuron-controls" style={{ left: colX(l + 1) - 20 }}>
                <button type="button" aria-label={`add a neuron to layer ${l + 1}`} disabled={units >= MAX_NEURONS} onClick={() => setLayer(l, units + 1)}>
                  +
                </button>
                <button type="button" aria-label={`remove a neuron from layer ${l + 1}`} disabled={units <= 1} onClick={() => setLayer(l, units - 1)}>
                  −
                </button>
                <div className="neuron-count">{units}</div>
              </div>
            ))}
          </div>
          <div style={{ position: 'relative', height }}>
            <LinkCanvas
              links={links}
              width={width}
              height={height}
              highlight={props.highlight ?? null}
              onHover={(link, x, y) => hover(link ? link.target : null, x, y)}
              onPick={(link) => props.onEditLink?.(link.target)}
            />
            {FEATURES.map((f, i) => {
              const on = features.includes(f.name);
              return (
                <button
                  key={f.name}
                  type="button"
                  className={`node feature ${on ? 'on' : 'off'}`}
                  style={{ left: colX(0), top: nodeY(i) }}
                  aria-pressed={on}
                  aria-label={`input feature ${f.label}`}
                  title={`${f.label}: click to ${on ? 'remove' : 'add'}`}
                  onClick={() => props.onToggleFeature(f.name)}
                >
                  <Heatmap values={featureMaps.get(f.name) ?? null} size={gridSize} displaySize={NODE} label={`feature ${f.label}`} />
                  <span className="feature-label">{f.label}</span>
                </button>
              );
            })}
            {hidden.map((units, l) =>
              Array.from({ length: units }, (_, j) => (
                <div
                  key={`${l}-${j}`}
                  className={focusClass(l)}
                  style={{ left: colX(l + 1), top: nodeY(j) }}
                  onMouseEnter={() => {
                    props.onHoverNeuron?.({ layer: l, unit: j });
                    hover({ kind: 'neuron', layer: l, unit: j, label: unitName(l, j) }, colX(l + 1) + NODE, nodeY(j));
                  }}
                  onMouseLeave={() => {
                    props.onHoverNeuron?.(null);
                    hover(null);
                  }}
                  tabIndex={0}
                  onFocus={() => hover({ kind: 'neuron', layer: l, unit: j, label: unitName(l, j) }, colX(l + 1) + NODE, nodeY(j))}
                  onBlur={() => hover(null)}
                >
                  <Heatmap
                    values={snapshot?.layerOutputs[l] ?? null}
                    size={gridSize}
                    offset={j}
                    stride={units}
                    displaySize={NODE}
                    label={`layer ${l + 1} neuron ${j + 1}`}
                  />
                </div>
              )),
            )}
            <div
              className={`${focusClass(hidden.length)} output-node`}
              style={{ left: colX(hidden.length + 1), top: nodeY(0) }}
              onMouseEnter={() => hover({ kind: 'neuron', layer: hidden.length, unit: 0, label: 'the output' }, colX(hidden.length + 1) - 150, nodeY(0) + NODE)}
              onMouseLeave={() => hover(null)}
            >
              <Heatmap
                values={last}
                size={gridSize}
                displaySize={NODE}
                // Sigmoid probabilities p ∈ [0, 1] shown as 2p − 1.
                scale={problem === 'classification' ? 2 : 1}
                shift={problem === 'classification' ? -0.5 : 0}
                discretize={discretize}
                label="output"
              />
            </div>
            {hoverAt && props.card && (
              <div className="hover-card" role="tooltip" style={{ left: Math.max(0, Math.min(hoverAt.x + 12, width - 160)), top: hoverAt.y + 12 }}>
                {props.card}
              </div>
            )}
          </div>
        </div>
      </div>
      {h && (
        <p className="hint net-highlight" data-testid="net-highlight">
          {h.caption}
        </p>
      )}
    </div>
  );
}
