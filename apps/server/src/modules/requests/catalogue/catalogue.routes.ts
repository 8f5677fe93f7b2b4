import type {} from './catalogue.ids'; // the catalogue's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  CategoryCreateInput,
  CategoryListQuery,
  CategoryStatusInput,
  CategoryUpdateInput,
  RequestCategory,
  RequestCategoryList,
  RoutingResolution,
  RoutingResolveQuery,
  RoutingRule,
  RoutingRuleCreateInput,
  RoutingRuleList,
  RoutingRuleListQuery,
} from '@linli/contracts/modules/requests';
import type { CatalogueService } from './catalogue.service';
import type { RoutingService } from './routing.service';

const tags = ['requests'];
const byId = { params: z.object({ id: Id }) };
const READ = 'requests.read';
const MANAGE = 'requests.catalogue.manage';
const BASE = '/api/requests/catalogue';

/**
 * The district's category catalogue (诉求分类) and routing table (派单规则). No personal data: the catalogue
 * describes services, and rules name areas, departments and partner organisations.
 */
export function catalogueRoutes(catalogue: CatalogueService, routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(categoryRoutes(catalogue));
    await app.register(ruleRoutes(routing));
  };
}

function categoryRoutes(catalogue: CatalogueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${BASE}/categories`,
      {
        schema: { tags, querystring: CategoryListQuery, response: { 200: RequestCategoryList } },
        config: { permission: READ },
      },
      (req) => catalogue.list(req.actor!, req.query),
    );
    app.post(
      `${BASE}/categories`,
      {
        schema: { tags, body: CategoryCreateInput, response: { 200: RequestCategory } },
        config: { permission: MANAGE },
      },
      (req) => catalogue.create(req.actor!, req.body),
    );
    app.put(
      `${BASE}/categories/:id`,
      {
        schema: { tags, ...byId, body: CategoryUpdateInput, response: { 200: RequestCategory } },
        config: { permission: MANAGE, idParams: { id: 'request_category' } },
      },
      (req) => catalogue.update(req.actor!, req.params.id, req.body),
    );
    app.post(
      `${BASE}/categories/:id/status`,
      {
        schema: { tags, ...byId, body: CategoryStatusInput, response: { 200: RequestCategory } },
        config: { permission: MANAGE, idParams: { id: 'request_category' } },
      },
      (req) => catalogue.setStatus(req.actor!, req.params.id, req.body),
    );
  };
}

function ruleRoutes(routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${BASE}/rules`,
      {
        schema: { tags, querystring: RoutingRuleListQuery, response: { 200: RoutingRuleList } },
        config: { permission: READ },
      },
      (req) => routing.list(req.actor!, req.query),
    );
    app.post(
      `${BASE}/rules`,
      {
        schema: { tags, body: RoutingRuleCreateInput, response: { 200: RoutingRule } },
        config: { permission: MANAGE },
      },
      (req) => routing.create(req.actor!, req.body),
    );
    app.delete(
      `${BASE}/rules/:id`,
      {
        schema: { tags, ...byId, response: { 200: z.object({ id: Id }) } },
        config: { permission: MANAGE, idParams: { id: 'request_routing_rule' } },
      },
      (req) => routing.remove(req.actor!, req.params.id),
    );
    app.get(
      `${BASE}/resolve`,
      {
        schema: { tags, querystring: RoutingResolveQuery, response: { 200: RoutingResolution } },
        config: { permission: READ },
      },
      (req) => routing.resolve(req.actor!, req.query),
    );
  };
}
