import type { Page } from 'playwright-core';

/** Draw a "1" on the MNIST tab's pad: one vertical stroke, slightly slanted, with mouse events. */
export async function drawOne(page: Page): Promise<void> {
  const pad = (await page.getByTestId('draw-pad').boundingBox())!;
  await page.mouse.move(pad.x + pad.width * 0.52, pad.y + pad.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.width * 0.48, pad.y + pad.height * 0.85, { steps: 15 });
  await page.mouse.up();
}
