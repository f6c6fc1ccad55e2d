/**
 * Screenshot comparison without a PNG library: Chromium decodes both images into canvases and
 * compares the pixels. A pixel differs when any channel moves more than `pixelThreshold` (font
 * antialiasing moves a little); the images match while at most `maxRatio` of the pixels differ.
 */
import type { Browser } from 'playwright-core';

export interface Comparison {
  sameSize: boolean;
  width: number;
  height: number;
  differing: number;
  ratio: number;
  /** The actual image with differing pixels painted red over a faded copy. */
  diffPng: Buffer;
}

export const PIXEL_THRESHOLD = 48;
export const MAX_DIFF_RATIO = 0.005;

export async function comparePngs(browser: Browser, actual: Buffer, baseline: Buffer, pixelThreshold = PIXEL_THRESHOLD): Promise<Comparison> {
  const page = await browser.newPage();
  try {
    // tsx (esbuild keepNames) wraps named functions in __name(...), which the page does not define.
    await page.evaluate('globalThis.__name ??= (fn) => fn');
    const result = await page.evaluate(
      async ({ a, b, threshold }) => {
        const decode = async (base64: string) => {
          const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
        };
        const [x, y] = await Promise.all([decode(a), decode(b)]);
        const width = Math.max(x.width, y.width);
        const height = Math.max(x.height, y.height);
        const diff = new OffscreenCanvas(width, height);
        const ctx = diff.getContext('2d')!;
        const out = ctx.createImageData(width, height);
        let differing = 0;
        for (let row = 0; row < height; row++) {
          for (let col = 0; col < width; col++) {
            const o = (row * width + col) * 4;
            const inX = col < x.width && row < x.height;
            const inY = col < y.width && row < y.height;
            const ix = (row * x.width + col) * 4;
            const iy = (row * y.width + col) * 4;
            let differs = !(inX && inY);
            if (!differs) {
              for (let ch = 0; ch < 4; ch++) {
                if (Math.abs(x.data[ix + ch]! - y.data[iy + ch]!) > threshold) differs = true;
              }
            }
            if (differs) {
              differing++;
              out.data.set([255, 0, 0, 255], o);
            } else {
              const grey = (x.data[ix]! + x.data[ix + 1]! + x.data[ix + 2]!) / 3;
              const faded = 255 - (255 - grey) * 0.25;
              out.data.set([faded, faded, faded, 255], o);
            }
          }
        }
        ctx.putImageData(out, 0, 0);
        const png = await diff.convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await png.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { sameSize: x.width === y.width && x.height === y.height, width, height, differing, diff: btoa(binary) };
      },
      { a: actual.toString('base64'), b: baseline.toString('base64'), threshold: pixelThreshold },
    );
    return {
      sameSize: result.sameSize,
      width: result.width,
      height: result.height,
      differing: result.differing,
      ratio: result.differing / (result.width * result.height),
      diffPng: Buffer.from(result.diff, 'base64'),
    };
  } finally {
    await page.close();
  }
}
