import type {} from './wishes.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, PageQuery } from '@linli/contracts';
import {
  MyWish,
  MyWishList,
  Wish,
  WishCard,
  WishCardList,
  WishClaimInput,
  WishConfirmInput,
  WishFulfilInput,
  WishList,
  WishListQuery,
  WishOnBehalfInput,
  WishPartnerCounts,
  WishPostInput,
  WishPublishInput,
  WishRejectInput,
  WishThanksInput,
  WishWallQuery,
} from '@linli/contracts/modules/wishes';
import type { WishClaimsService } from './wish-claims.service';
import type { WishOwnService } from './wish-own.service';
import type { WishesService } from './wishes.service';

const tags = ['wishes'];
const params = z.object({ id: Id });
const wish = { idParams: { id: 'wish' } } as const;

/** Staff's routes: review and publish, post for a client with consent, confirm for them, moderate thanks. */
export function wishesRoutes(service: WishesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/wishes',
      {
        schema: { tags, querystring: WishListQuery, response: { 200: WishList } },
        config: { permission: 'wishes.read', personalData: true },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.post(
      '/api/wishes',
      {
        schema: { tags, body: WishOnBehalfInput, response: { 200: Wish } },
        config: { permission: 'wishes.manage', personalData: true },
      },
      (req) => service.postOnBehalf(req.actor!, req.body),
    );
    app.get(
      '/api/wishes/partners/:id/counts',
      {
        schema: { tags, params, response: { 200: WishPartnerCounts } },
        config: { permission: 'wishes.read', idParams: { id: 'organisation' } },
      },
      (req) => service.partnerCounts(req.actor!, req.params.id),
    );
    app.get(
      '/api/wishes/:id',
      {
        schema: { tags, params, response: { 200: Wish } },
        config: { permission: 'wishes.read', personalData: true, ...wish },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
  };
}

/** Staff's steps on a wish of their community. */
export function wishStepRoutes(service: WishesService): FastifyPluginAsyncZod {
  return async (app) => {
    const manage = { permission: 'wishes.manage', ...wish } as const;
    app.post(
      '/api/wishes/:id/publish',
      {
        schema: { tags, params, body: WishPublishInput, response: { 200: Wish } },
        config: manage,
      },
      (req) => service.publish(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/wishes/:id/reject',
      {
        schema: { tags, params, body: WishRejectInput, response: { 200: Wish } },
        config: manage,
      },
      (req) => service.reject(req.actor!, req.params.id, req.body.reason),
    );
    app.post(
      '/api/wishes/:id/confirm',
      {
        schema: { tags, params, body: WishConfirmInput, response: { 200: Wish } },
        config: manage,
      },
      (req) => service.confirm(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/wishes/:id/thanks',
      {
        schema: { tags, params, body: WishThanksInput, response: { 200: Wish } },
        config: manage,
      },
      (req) => service.moderateThanks(req.actor!, req.params.id, req.body.approve),
    );
  };
}

/** The wall and the claimant's routes (partner members, volunteers, staff for a partner). */
export function wishClaimRoutes(service: WishClaimsService): FastifyPluginAsyncZod {
  return async (app) => {
    const claim = { permission: 'wishes.claim', ...wish } as const;
    app.get(
      '/api/wishes/wall',
      {
        schema: { tags, querystring: WishWallQuery, response: { 200: WishCardList } },
        config: { permission: 'wishes.wall' },
      },
      (req) => service.wall(req.actor!, req.query),
    );
    app.get(
      '/api/wishes/claims',
      {
        schema: { tags, querystring: PageQuery, response: { 200: WishCardList } },
        config: { permission: 'wishes.claim' },
      },
      (req) => service.claims(req.actor!, req.query),
    );
    app.post(
      '/api/wishes/:id/claim',
      {
        schema: { tags, params, body: WishClaimInput, response: { 200: WishCard } },
        config: claim,
      },
      (req) => service.claim(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/wishes/:id/fulfil',
      {
        schema: { tags, params, body: WishFulfilInput, response: { 200: WishCard } },
        config: claim,
      },
      (req) => service.fulfil(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/wishes/:id/release',
      {
        schema: { tags, params, response: { 200: WishCard } },
        config: claim,
      },
      (req) => service.release(req.actor!, req.params.id),
    );
  };
}

/** A resident's own wishes on /m. */
export function wishOwnRoutes(service: WishOwnService): FastifyPluginAsyncZod {
  return async (app) => {
    const own = { permission: 'wishes.post', ...wish } as const;
    app.get(
      '/api/m/wishes',
      {
        schema: { tags, querystring: PageQuery, response: { 200: MyWishList } },
        config: { permission: 'wishes.post' },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.post(
      '/api/m/wishes',
      {
        schema: { tags, body: WishPostInput, response: { 200: MyWish } },
        config: { permission: 'wishes.post' },
      },
      (req) => service.post(req.actor!, req.body),
    );
    app.post(
      '/api/m/wishes/:id/withdraw',
      {
        schema: { tags, params, response: { 200: MyWish } },
        config: own,
      },
      (req) => service.withdraw(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/wishes/:id/confirm',
      {
        schema: { tags, params, body: WishConfirmInput, response: { 200: MyWish } },
        config: own,
      },
      (req) => service.confirm(req.actor!, req.params.id, req.body),
    );
  };
}
