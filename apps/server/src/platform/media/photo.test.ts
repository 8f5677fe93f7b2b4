import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { gpsJpeg } from '../../../test/factories/photos';
import { PHOTO_MAX_BYTES, photoTypeOf, preparePhoto } from './photo';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

describe('preparePhoto', () => {
  it('drops the EXIF block with its GPS position, turns the photo upright and bounds its long side at 1600 px', async () => {
    const input = await gpsJpeg();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(exifReader(before.exif!).GPSInfo?.GPSLatitude).toEqual([30, 39, 12.34]);

    const photo = await preparePhoto(input);
    const after = await sharp(photo.data).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    // No trace of the GPS block or the camera in the bytes at all, not only in what sharp parses.
    expect(photo.data.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(photo.data.includes(Buffer.from('LinliTestCam'))).toBe(false);
    // Orientation 6 = rotated 90°: the 3000 × 2000 landscape is a portrait, long side 1600.
    expect([photo.width, photo.height]).toEqual([1067, 1600]);
    expect([after.width, after.height]).toEqual([1067, 1600]);
    expect(photo.contentType).toBe('image/jpeg');
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a small photo at its size, and re-encodes PNG and WebP as JPEG', async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 300, height: 900, channels: 3, background: '#00ff00' } })
      .webp()
      .toBuffer();
    expect(photoTypeOf(png)).toBe('image/png');
    expect(photoTypeOf(webp)).toBe('image/webp');
    const a = await preparePhoto(png);
    expect([a.width, a.height]).toEqual([640, 480]);
    expect(photoTypeOf(a.data)).toBe('image/jpeg');
    const b = await preparePhoto(webp);
    expect([b.width, b.height]).toEqual([300, 900]);
    expect(photoTypeOf(b.data)).toBe('image/jpeg');
  });

  it('refuses what is not a photo by its bytes, a broken photo, and more than 10 MB', async () => {
    expect(await refusal(preparePhoto(Buffer.from('%PDF-1.4 pretending to be a photo')))).toBe('media.photo_type');
    expect(await refusal(preparePhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe(
      'media.photo_type',
    );
    // GIF is an image, but not one of the accepted kinds.
    expect(await refusal(preparePhoto(Buffer.from('GIF89a......')))).toBe('media.photo_type');
    const truncated = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    expect(await refusal(preparePhoto(truncated))).toBe('media.photo_unreadable');
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(PHOTO_MAX_BYTES)]);
    expect(await refusal(preparePhoto(big))).toBe('media.photo_too_large');
  });

  it('refuses a decompression bomb before decoding it', async () => {
    // 10000 × 10000 of one colour: a small PNG that decodes to 100 megapixels.
    const bomb = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(PHOTO_MAX_BYTES);
    expect(await refusal(preparePhoto(bomb))).toBe('media.photo_unreadable');
  });
});
