import type {} from './supermarket.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Id, PageQuery, XLSX_MIME } from '@linli/contracts';
import {
  CancelInput,
  CounterLookupInput,
  CounterRedemptionInput,
  CounterVolunteer,
  MyItemsQuery,
  MySupermarket,
  Redemption,
  RedemptionList,
  RedemptionListQuery,
  ReservationInput,
  ReturnInput,
  SupermarketItemList,
} from '@linli/contracts/modules/supermarket';
import type { RedemptionService } from './redemption.service';
import type { SupermarketExportService } from './supermarket-export.service';
import type { SupermarketMobileService } from './supermarket-mobile.service';

const tags = ['supermarket'];
const params = z.object({ id: Id });
const redemption = { idParams: { id: 'supermarket_redemption' } } as const;

function sendXlsx(reply: FastifyReply, file: { name: string; buffer: Buffer }, ascii: string) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .send(file.buffer);
}

const counter = { permission: 'supermarket.counter', personalData: true } as const;

/** The counter (look the volunteer up, redeem) and the redemptions list (staff). */
export function redemptionRoutes(service: RedemptionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/supermarket/counter/lookup',
      { schema: { tags, body: CounterLookupInput, response: { 200: CounterVolunteer } }, config: counter },
      (req) => service.lookup(req.actor!, req.body),
    );
    app.post(
      '/api/supermarket/redemptions',
      { schema: { tags, body: CounterRedemptionInput, response: { 200: Redemption } }, config: counter },
      (req) => service.redeem(req.actor!, req.body),
    );
    app.get(
      '/api/supermarket/redemptions',
      {
        schema: { tags, querystring: RedemptionListQuery, response: { 200: RedemptionList } },
        config: { permission: 'supermarket.read', personalData: true },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.get(
      '/api/supermarket/redemptions/:id',
      {
        schema: { tags, params, response: { 200: Redemption } },
        config: { permission: 'supermarket.read', personalData: true, ...redemption },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
  };
}

/** Hand-over of a reservation, its cancellation, returns (staff at the counter). */
export function redemptionStepRoutes(service: RedemptionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/supermarket/redemptions/:id/collect',
      {
        schema: { tags, params, response: { 200: Redemption } },
        config: { permission: 'supermarket.counter', ...redemption },
      },
      (req) => service.collect(req.actor!, req.params.id),
    );
    app.post(
      '/api/supermarket/redemptions/:id/cancel',
      {
        schema: { tags, params, body: CancelInput, response: { 200: Redemption } },
        config: { permission: 'supermarket.counter', ...redemption },
      },
      (req) => service.cancel(req.actor!, req.params.id, req.body.reason),
    );
    app.post(
      '/api/supermarket/redemptions/:id/returns',
      {
        schema: { tags, params, body: ReturnInput, response: { 200: Redemption } },
        config: { permission: 'supermarket.counter', ...redemption },
      },
      (req) => service.returnGoods(req.actor!, req.params.id, req.body),
    );
  };
}

/** The stock ledger and the redemptions of a supermarket as .xlsx (staff). */
export function exportRoutes(exports: SupermarketExportService): FastifyPluginAsyncZod {
  return async (app) => {
    const file = { 200: z.any().describe('.xlsx file') };
    app.get(
      '/api/supermarket/supermarkets/:id/export/movements',
      {
        schema: { tags, params, response: file },
        config: { permission: 'supermarket.read', personalData: true, idParams: { id: 'supermarket' } },
      },
      async (req, reply) => sendXlsx(reply, await exports.movements(req.actor!, req.params.id), 'stock-ledger.xlsx'),
    );
    app.get(
      '/api/supermarket/supermarkets/:id/export/redemptions',
      {
        schema: { tags, params, response: file },
        config: { permission: 'supermarket.read', personalData: true, idParams: { id: 'supermarket' } },
      },
      async (req, reply) => sendXlsx(reply, await exports.redemptions(req.actor!, req.params.id), 'redemptions.xlsx'),
    );
  };
}

/** The volunteer's routes on /m. */
export function supermarketMobileRoutes(service: SupermarketMobileService): FastifyPluginAsyncZod {
  return async (app) => {
    const shop = { permission: 'supermarket.shop' } as const;
    app.get('/api/m/supermarket', { schema: { tags, response: { 200: MySupermarket } }, config: shop }, (req) =>
      service.view(req.actor!),
    );
    app.get(
      '/api/m/supermarket/items',
      { schema: { tags, querystring: MyItemsQuery, response: { 200: SupermarketItemList } }, config: shop },
      (req) => service.items(req.actor!, req.query),
    );
    app.get(
      '/api/m/supermarket/redemptions',
      {
        schema: { tags, querystring: PageQuery, response: { 200: RedemptionList } },
        config: { ...shop, personalData: true },
      },
      (req) => service.mine(req.actor!, req.query),
    );
    app.post(
      '/api/m/supermarket/reservations',
      { schema: { tags, body: ReservationInput, response: { 200: Redemption } }, config: shop },
      (req) => service.reserve(req.actor!, req.body),
    );
    app.post(
      '/api/m/supermarket/reservations/:id/cancel',
      { schema: { tags, params, response: { 200: Redemption } }, config: { ...shop, ...redemption } },
      (req) => service.cancel(req.actor!, req.params.id),
    );
  };
}
