import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { SPACE_PHOTO_MAX_BYTES, spacePhotoAltTextSchema } from '@salle/contracts';
import { checkPhotoFile } from './photo-file';

async function image(format: 'jpeg' | 'png' | 'webp' | 'gif', width: number, height: number): Promise<Uint8Array> {
  const pipeline = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });
  return new Uint8Array(await pipeline.toFormat(format).toBuffer());
}

describe('checkPhotoFile', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('stores a %s photo as WebP at 400 and 1200 px wide', async (format) => {
    const answer = await checkPhotoFile(await image(format, 2000, 1500), 'gymnase.photo');
    if (!answer.ok) throw new Error(`refused: ${JSON.stringify(answer.refusal)}`);
    expect(answer.renditions.map(({ size, width, height }) => ({ size, width, height }))).toEqual([
      { size: 400, width: 400, height: 300 },
      { size: 1200, width: 1200, height: 900 },
    ]);
    for (const rendition of answer.renditions) {
      const metadata = await sharp(rendition.bytes).metadata();
      expect([metadata.format, metadata.width, metadata.exif]).toEqual(['webp', rendition.width, undefined]);
    }
  });

  it('never enlarges a small photo', async () => {
    const answer = await checkPhotoFile(await image('png', 600, 300), 'salle.png');
    expect(answer.ok && answer.renditions.map((r) => [r.size, r.width, r.height])).toEqual([
      [400, 400, 200],
      [1200, 600, 300],
    ]);
  });

  it('drops the metadata a camera writes into the photo (author, place)', async () => {
    const bytes = await sharp(await image('jpeg', 800, 600))
      .withExif({ IFD0: { Artist: 'Jeanne Martin' } })
      .jpeg()
      .toBuffer();
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const answer = await checkPhotoFile(new Uint8Array(bytes), 'photo.jpg');
    if (!answer.ok) throw new Error('refused');
    expect(answer.renditions).toHaveLength(2);
    for (const { bytes } of answer.renditions) expect(Buffer.from(bytes).includes('Jeanne Martin')).toBe(false);
  });

  it('refuses a type that is not JPEG, PNG or WebP, whatever its name says', async () => {
    const answer = await checkPhotoFile(await image('gif', 50, 50), 'photo.jpg');
    expect(answer).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'file_type_refused' }) });
  });

  it('refuses an executable renamed .jpg', async () => {
    const elf = new Uint8Array(4096);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    const answer = await checkPhotoFile(elf, 'gymnase.jpg');
    expect(answer).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'file_type_refused' }) });
  });

  it('refuses a file over the size limit before opening it', async () => {
    const bytes = new Uint8Array(SPACE_PHOTO_MAX_BYTES + 1);
    bytes.set(await image('png', 10, 10));
    const answer = await checkPhotoFile(bytes, 'grande.png');
    expect(answer).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'file_too_large' }) });
  });

  it('refuses a JPEG that does not decode', async () => {
    const truncated = (await image('jpeg', 400, 400)).slice(0, 200);
    expect(await checkPhotoFile(truncated, 'coupée.jpg')).toEqual({
      ok: false,
      refusal: { code: 'file_unreadable', kind: 'JPEG' },
    });
  });

  it('refuses an image whose header announces more pixels than the decoding budget', async () => {
    // A small PNG whose header claims 10,000 × 5,000 pixels (with a matching checksum): refused before decoding.
    const png = Buffer.from(await image('png', 10, 10));
    png.writeUInt32BE(10_000, 16);
    png.writeUInt32BE(5_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect(await checkPhotoFile(new Uint8Array(png), 'immense.png')).toEqual({
      ok: false,
      refusal: { code: 'image_too_large', maxMegapixels: 40 },
    });
  });
});

describe('spacePhotoAltTextSchema', () => {
  it('requires a description, in French', () => {
    for (const missing of [undefined, '', '   ']) {
      const result = spacePhotoAltTextSchema.safeParse(missing);
      expect([result.success, result.error?.issues[0]?.message]).toEqual([
        false,
        'décrivez la photo en quelques mots (texte alternatif)',
      ]);
    }
  });

  it('keeps a description, trimmed', () => {
    expect(spacePhotoAltTextSchema.parse('  Gymnase avec panneaux de basket ')).toBe('Gymnase avec panneaux de basket');
  });
});
