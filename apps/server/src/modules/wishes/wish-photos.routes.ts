import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { PhotoUpload } from '@linli/contracts/modules/places';
import { AppError } from '../../platform/errors';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from '../../platform/media';
import { RateLimiter } from '../../platform/rate-limit';
import type { WishClaimsService } from './wish-claims.service';

const tags = ['wishes'];
const params = z.object({ id: Id });
const wish = { idParams: { id: 'wish' } } as const;

/** Fulfilment photos one account may upload per hour (three a wish). */
const PER_HOUR = 60;

/**
 * `POST /api/wishes/:id/photos`: a fulfilment photo uploaded by the claimant, staged in the wish's community. Partner
 * members hold no home area, so the general `POST /api/media/photos` refuses them; this route stages the upload in
 * the area of the wish they claimed (checked before the body is read), and `fulfil` claims it like any other upload.
 */
export function wishPhotoRoutes(service: WishClaimsService): FastifyPluginAsyncZod {
  return async (app) => {
    const limiter = new RateLimiter(service.clock, PER_HOUR, 3600_000);
    app.addContentTypeParser(
      [...PHOTO_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
    app.post(
      '/api/wishes/:id/photos',
      {
        schema: {
          tags,
          params,
          body: z.any().describe('the photo (JPEG, PNG or WebP) as the request body, at most 10 MB'),
          response: { 200: PhotoUpload },
        },
        config: { permission: 'wishes.claim', ...wish },
        bodyLimit: PHOTO_MAX_BYTES,
        // Before a byte of the body is read: only the wish's claimant, within the hourly budget.
        onRequest: async (req) => {
          if (!req.actor) return; // the global hook has refused already
          const id = Id.safeParse((req.params as { id?: string }).id);
          if (id.success) await service.assertClaimant(req.actor, id.data);
          if (!limiter.hit(req.actor.userId)) throw new AppError('common.rate_limited');
        },
        errorHandler: (error: FastifyError) => {
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('media.photo_too_large');
          if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('media.photo_type');
          throw error;
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('media.photo_type');
        return service.uploadPhoto(req.actor!, req.params.id, req.body);
      },
    );
    app.get(
      '/api/wishes/:id/photo',
      {
        schema: {
          tags,
          params,
          querystring: z.object({ n: z.coerce.number().int().min(0).max(2).default(0) }),
          response: { 200: z.any().describe('the fulfilment photo (JPEG)') },
        },
        config: { permission: 'wishes.wall', ...wish },
      },
      async (req, reply) => {
        const photo = await service.photo(req.actor!, req.params.id, req.query.n);
        return reply.header('content-type', photo.contentType).header('cache-control', 'no-store').send(photo.data);
      },
    );
  };
}
