import { useEffect, useRef } from 'react';

/** A 28×28 input drawn as MNIST shows it: white ink on black. */
export function DigitImage({ pixels, side = 28, displaySize = 84 }: { pixels: Float32Array; side?: number; displaySize?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const v = Math.round(Math.min(1, Math.max(0, pixels[i] ?? 0)) * 255);
      image.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, side]);
  return (
    <canvas
      ref={ref}
      width={side}
      height={side}
      className="digit-canvas"
      style={{ width: displaySize, height: displaySize, imageRendering: 'pixelated', display: 'block' }}
      role="img"
      aria-label="the drawing after MNIST preprocessing (28×28)"
      data-testid="mnist-input"
    />
  );
}
