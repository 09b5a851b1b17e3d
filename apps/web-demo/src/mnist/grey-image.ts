/** Paints grey levels (0 black … 255 white, row-major) onto a canvas of the same size, one value per pixel. */
export function paintGrey(canvas: HTMLCanvasElement | null, grey: (i: number) => number, width: number, height: number): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = grey(i);
    image.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}
