import sharp from 'sharp';
import { webpRenditions } from './webp-renditions';

const png = async (width: number, height: number) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 11, g: 79, b: 108 } } })
      .png()
      .toBuffer(),
  );

describe('webpRenditions', () => {
  it('writes WebP at each width, keeping the proportions and never enlarging', async () => {
    const renditions = await webpRenditions(await png(900, 600), [400, 1200], 1_000_000);
    expect(renditions.map(({ size, width, height }) => ({ size, width, height }))).toEqual([
      { size: 400, width: 400, height: 267 },
      { size: 1200, width: 900, height: 600 },
    ]);
    for (const rendition of renditions) {
      const metadata = await sharp(rendition.bytes).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', rendition.width, rendition.height]);
    }
  });

  it('renders a drawing (SVG) at its own size before resizing it', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800"/></svg>';
    const renditions = await webpRenditions(new TextEncoder().encode(svg), [400, 1200], 1_000_000);
    expect(renditions.map(({ width, height }) => [width, height])).toEqual([
      [400, 267],
      [1200, 800],
    ]);
  });

  it('refuses an image over the pixel budget and a truncated one', async () => {
    await expect(webpRenditions(await png(900, 600), [400], 100_000)).rejects.toThrow();
    await expect(webpRenditions((await png(900, 600)).slice(0, 100), [400], 1_000_000)).rejects.toThrow();
  });
});
