import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PhotoUpload } from '@linli/contracts/modules/places';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES, storeUpload } from '../../platform/media';
import { RateLimiter } from '../../platform/rate-limit';
import { organisationOfUser } from '../partners';

/** Photos one account may upload per hour: a resident's request takes up to 6, a busy handler's day a few dozen. */
export const PHOTO_UPLOADS_PER_HOUR = 120;

/**
 * The area an upload belongs to: the area the account works in now, else its (first) home area; a partner's member
 * holds no area, so theirs is the area of the organisation they belong to (a handler's photo of a request or a
 * fulfilled wish).
 */
async function homeArea(ctx: AppContext, actor: Actor): Promise<string | null> {
  const own = actor.currentAreaCode ?? actor.areaCodes[0] ?? null;
  if (own || !actor.roles.includes('partner_member')) return own;
  return (await organisationOfUser(ctx.db, actor.userId))?.areaCode ?? null;
}

/**
 * `POST /api/media/photos`: one photo as the raw request body. Any signed-in account with a home area may upload
 * (residents and partners' members included); what it may attach the photo to is decided when a module claims it.
 * The session (global onRequest hook), the home area and the rate limit are all checked in onRequest, before a
 * byte of the body is read; the body parser stops at 10 MB (413).
 */
export function mediaRoutes(ctx: AppContext, perHour = PHOTO_UPLOADS_PER_HOUR): FastifyPluginAsyncZod {
  return async (app) => {
    const limiter = new RateLimiter(ctx.clock, perHour, 3600_000);
    // The area found before the body was read, for the handler (one lookup per upload).
    const uploadArea = new WeakMap<object, string>();
    app.addContentTypeParser(
      [...PHOTO_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
    app.post(
      '/api/media/photos',
      {
        schema: {
          tags: ['media'],
          body: z.any().describe('the photo (JPEG, PNG or WebP) as the request body, at most 10 MB'),
          response: { 200: PhotoUpload },
        },
        bodyLimit: PHOTO_MAX_BYTES,
        onRequest: async (req) => {
          const actor = req.actor;
          if (!actor) throw new AppError('auth.unauthenticated'); // the global hook has refused already; belt and braces
          const area = await homeArea(ctx, actor);
          if (!area) throw new AppError('media.no_home_area');
          if (!limiter.hit(actor.userId)) throw new AppError('common.rate_limited');
          uploadArea.set(req, area);
        },
        errorHandler: (error: FastifyError) => {
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('media.photo_too_large');
          if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('media.photo_type');
          throw error;
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('media.photo_type');
        return storeUpload(ctx, req.actor!, uploadArea.get(req)!, req.body);
      },
    );
  };
}
