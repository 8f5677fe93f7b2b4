import type {} from './supermarket.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  StockAdjustInput,
  StockInInput,
  StockMovementList,
  StockMovementListQuery,
  Supermarket,
  SupermarketInput,
  SupermarketItem,
  SupermarketItemInput,
  SupermarketItemList,
  SupermarketItemListQuery,
  SupermarketItemUpdateInput,
  SupermarketList,
  SupermarketListQuery,
  SupermarketUpdateInput,
} from '@linli/contracts/modules/supermarket';
import type { StockService } from './stock.service';
import type { SupermarketService } from './supermarket.service';

const tags = ['supermarket'];
const params = z.object({ id: Id });

const market = { idParams: { id: 'supermarket' } } as const;
const item = { idParams: { id: 'supermarket_item' } } as const;

/** The supermarkets of the jurisdiction (staff). */
export function supermarketRoutes(markets: SupermarketService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/supermarket/supermarkets',
      {
        schema: { tags, querystring: SupermarketListQuery, response: { 200: SupermarketList } },
        config: { permission: 'supermarket.read' },
      },
      (req) => markets.list(req.actor!, req.query),
    );
    app.post(
      '/api/supermarket/supermarkets',
      {
        schema: { tags, body: SupermarketInput, response: { 200: Supermarket } },
        config: { permission: 'supermarket.manage' },
      },
      (req) => markets.create(req.actor!, req.body),
    );
    app.get(
      '/api/supermarket/supermarkets/:id',
      {
        schema: { tags, params, response: { 200: Supermarket } },
        config: { permission: 'supermarket.read', ...market },
      },
      (req) => markets.detail(req.actor!, req.params.id),
    );
    app.put(
      '/api/supermarket/supermarkets/:id',
      {
        schema: { tags, params, body: SupermarketUpdateInput, response: { 200: Supermarket } },
        config: { permission: 'supermarket.manage', ...market },
      },
      (req) => markets.update(req.actor!, req.params.id, req.body),
    );
  };
}

/** Items with their prices (staff). */
export function itemRoutes(markets: SupermarketService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/supermarket/items',
      {
        schema: { tags, querystring: SupermarketItemListQuery, response: { 200: SupermarketItemList } },
        config: { permission: 'supermarket.read' },
      },
      (req) => markets.items(req.actor!, req.query),
    );
    app.post(
      '/api/supermarket/items',
      {
        schema: { tags, body: SupermarketItemInput, response: { 200: SupermarketItem } },
        config: { permission: 'supermarket.manage' },
      },
      (req) => markets.createItem(req.actor!, req.body),
    );
    app.get(
      '/api/supermarket/items/:id',
      {
        schema: { tags, params, response: { 200: SupermarketItem } },
        config: { permission: 'supermarket.read', ...item },
      },
      (req) => markets.item(req.actor!, req.params.id),
    );
    app.put(
      '/api/supermarket/items/:id',
      {
        schema: { tags, params, body: SupermarketItemUpdateInput, response: { 200: SupermarketItem } },
        config: { permission: 'supermarket.manage', ...item },
      },
      (req) => markets.updateItem(req.actor!, req.params.id, req.body),
    );
  };
}

/** 入库, stock corrections and the stock ledger (staff). */
export function stockRoutes(stock: StockService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/supermarket/stock-in',
      {
        schema: { tags, body: StockInInput, response: { 200: SupermarketItem } },
        config: { permission: 'supermarket.manage', personalData: true },
      },
      (req) => stock.stockIn(req.actor!, req.body),
    );
    app.post(
      '/api/supermarket/adjustments',
      {
        schema: { tags, body: StockAdjustInput, response: { 200: SupermarketItem } },
        config: { permission: 'supermarket.manage' },
      },
      (req) => stock.adjust(req.actor!, req.body),
    );
    app.get(
      '/api/supermarket/movements',
      {
        schema: { tags, querystring: StockMovementListQuery, response: { 200: StockMovementList } },
        config: { permission: 'supermarket.read', personalData: true },
      },
      (req) => stock.movements(req.actor!, req.query),
    );
  };
}
