import { forwardRef, useImperativeHandle, useRef } from 'react';

export interface DrawPadHandle {
  /** Ink intensity per canvas pixel, in [0, 1], row-major. */
  readPixels(): { pixels: Float32Array; width: number; height: number };
  clear(): void;
}

const SIZE = 280;
const PEN = 20;

/**
 * A canvas to draw a digit on with mouse, finger or pen (Pointer Events), white ink on black
 * like the MNIST scans. `onStrokeEnd` fires when a stroke is finished.
 */
export const DrawPad = forwardRef<DrawPadHandle, { onStrokeEnd: () => void }>(function DrawPad({ onStrokeEnd }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);

  const ctx = (): CanvasRenderingContext2D | null => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  useImperativeHandle(ref, () => ({
    readPixels() {
      const c = ctx();
      const pixels = new Float32Array(SIZE * SIZE);
      if (!c) return { pixels, width: SIZE, height: SIZE };
      const rgba = c.getImageData(0, 0, SIZE, SIZE).data;
      for (let i = 0; i < pixels.length; i++) pixels[i] = (rgba[i * 4] as number) / 255;
      return { pixels, width: SIZE, height: SIZE };
    },
    clear() {
      const c = ctx();
      if (!c) return;
      c.fillStyle = '#000';
      c.fillRect(0, 0, SIZE, SIZE);
    },
  }));

  const point = (e: React.PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };

  const drawTo = (p: { x: number; y: number }): void => {
    const c = ctx();
    const from = last.current;
    if (!c || !from) return;
    c.strokeStyle = '#fff';
    c.lineWidth = PEN;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(p.x, p.y);
    c.stroke();
    last.current = p;
  };

  return (
    <canvas
      ref={(el) => {
        canvas.current = el;
        const c = el?.getContext('2d', { willReadFrequently: true });
        if (c && el && !el.dataset.ready) {
          c.fillStyle = '#000';
          c.fillRect(0, 0, SIZE, SIZE);
          el.dataset.ready = '1';
        }
      }}
      width={SIZE}
      height={SIZE}
      className="draw-pad"
      data-testid="draw-pad"
      role="img"
      aria-label="drawing pad: draw a digit with the mouse, a finger or a pen"
      style={{ width: SIZE, height: SIZE }}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = point(e);
        last.current = p;
        drawTo({ x: p.x + 0.01, y: p.y });
      }}
      onPointerMove={(e) => {
        if (last.current) drawTo(point(e));
      }}
      onPointerUp={() => {
        if (!last.current) return;
        last.current = null;
        onStrokeEnd();
      }}
      onPointerCancel={() => {
        last.current = null;
      }}
    />
  );
});
