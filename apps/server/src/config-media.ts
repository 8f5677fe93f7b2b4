import { z } from 'zod';
import type { S3Config } from './platform/media/store';

/**
 * Photo storage (platform/media): files in the data directory by default; S3-compatible object storage when the
 * endpoint, bucket and both keys are set (docs/places-and-media.md). Half a configuration is an error at start, not
 * a silent fall-back to local files that a second server would not see.
 */
export const MediaEnv = {
  LINLI_S3_ENDPOINT: z.string().url().optional(),
  LINLI_S3_BUCKET: z.string().min(3).max(63).optional(),
  LINLI_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  LINLI_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LINLI_S3_REGION: z.string().min(1).default('us-east-1'),
};

type MediaEnvValues = z.output<z.ZodObject<typeof MediaEnv>>;

export function s3Config(env: MediaEnvValues): S3Config | null {
  const parts = [
    env.LINLI_S3_ENDPOINT,
    env.LINLI_S3_BUCKET,
    env.LINLI_S3_ACCESS_KEY_ID,
    env.LINLI_S3_SECRET_ACCESS_KEY,
  ];
  if (parts.every((p) => !p)) return null;
  if (parts.some((p) => !p)) {
    throw new Error(
      'S3 storage needs all of LINLI_S3_ENDPOINT, LINLI_S3_BUCKET, LINLI_S3_ACCESS_KEY_ID and LINLI_S3_SECRET_ACCESS_KEY',
    );
  }
  return {
    endpoint: env.LINLI_S3_ENDPOINT!,
    bucket: env.LINLI_S3_BUCKET!,
    accessKeyId: env.LINLI_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.LINLI_S3_SECRET_ACCESS_KEY!,
    region: env.LINLI_S3_REGION,
  };
}
