import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors';

/** Upload limit of one photo, before processing (a phone's camera JPEG is 3–6 MB). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** The long side of a stored photo: enough to read a broken lamp or a crack, small enough for a phone's data plan. */
export const PHOTO_MAX_SIDE = 1600;
/**
 * Decoded pixels an input may have (8000 × 6000 = a 48-megapixel camera). A small file that decodes to gigapixels
 * (a decompression bomb) is refused before it is decoded.
 */
export const PHOTO_MAX_PIXELS = 50_000_000;

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

export interface PreparedPhoto {
  data: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  sha256: string;
}

const startsWith = (body: Buffer, bytes: number[], at = 0) =>
  body.length >= at + bytes.length && bytes.every((b, i) => body[at + i] === b);

/** The type the bytes themselves say they are (magic bytes), never the name or the Content-Type a client claims. */
export function photoTypeOf(body: Buffer): PhotoContentType | null {
  if (startsWith(body, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(body, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(body, [0x52, 0x49, 0x46, 0x46]) && startsWith(body, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * Makes an uploaded photo safe to keep and show: checks what it is, turns it upright (the EXIF orientation), scales
 * it to at most 1600 px on the long side and re-encodes it as JPEG. sharp writes no metadata unless asked to, so
 * the EXIF block (GPS position, camera serial, time), XMP, IPTC and ICC comments of the original are all dropped —
 * a resident's photo of a pothole must not tell anyone where they live.
 */
export async function preparePhoto(input: Buffer): Promise<PreparedPhoto> {
  if (input.length > PHOTO_MAX_BYTES) throw new AppError('media.photo_too_large');
  if (!photoTypeOf(input)) throw new AppError('media.photo_type');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error', animated: false })
      .rotate() // applies the EXIF orientation before the metadata goes
      .resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // a transparent PNG or WebP gets white, not black, behind it
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      data,
      contentType: 'image/jpeg',
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch (error) {
    throw new AppError('media.photo_unreadable', undefined, (error as Error).message);
  }
}
