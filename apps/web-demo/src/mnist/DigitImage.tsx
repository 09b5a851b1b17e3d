import { useEffect, useRef } from 'react';
import { paintGrey } from './grey-image.js';

/** A 28×28 input drawn as MNIST shows it: white ink on black. */
export function DigitImage({ pixels, side = 28, displaySize = 84 }: { pixels: Float32Array; side?: number; displaySize?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    paintGrey(ref.current, (i) => Math.round(Math.min(1, Math.max(0, pixels[i] ?? 0)) * 255), side, side);
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
