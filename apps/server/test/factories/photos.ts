import sharp from 'sharp';

/**
 * A camera-like JPEG for tests: `width` × `height`, turned by EXIF orientation 6 (so it shows as a portrait), with
 * a GPS position in Chengdu and a camera make in its EXIF block — everything an uploaded photo must lose.
 */
export async function gpsJpeg(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .withExif({
      IFD0: { Make: 'LinliTestCam', Model: 'GPS-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '30/1 39/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '104/1 4/1 5678/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A small plain JPEG (no metadata) for tests that only need a photo to attach. */
export function smallJpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer();
}
