import type {} from './org.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaCode,
  AreaCreateInput,
  AreaDetail,
  AreaHistory,
  AreaImportInput,
  AreaList,
  AreaMergeInput,
  AreaRenameInput,
  CatalogList,
  Ok,
} from '@linli/contracts';
import type { AreasService } from './areas.service';

const CodeParams = z.object({ code: AreaCode });
type App = Parameters<FastifyPluginAsyncZod>[0];

export function areaRoutes(service: AreasService): FastifyPluginAsyncZod {
  return async (app) => {
    readRoutes(app, service);
    changeRoutes(app, service);
  };
}

/** The tree, the catalogue (and importing from it), an area's detail and history. */
function readRoutes(app: App, service: AreasService): void {
  app.get(
    '/api/areas/tree',
    { schema: { tags: ['areas'], response: { 200: AreaList } }, config: { permission: 'area.read' } },
    (req) => service.tree(req.actor!),
  );

  app.get(
    '/api/areas/catalog',
    {
      schema: { tags: ['areas'], querystring: z.object({ parentCode: AreaCode }), response: { 200: CatalogList } },
      config: { permission: 'area.read' },
    },
    (req) => service.catalog(req.actor!, req.query.parentCode),
  );

  app.post(
    '/api/areas/import',
    {
      schema: { tags: ['areas'], body: AreaImportInput, response: { 200: Ok } },
      config: { permission: 'area.manage' },
    },
    async (req) => {
      await service.importFromCatalog(req.actor!, req.body.code);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/areas/:code',
    {
      schema: { tags: ['areas'], params: CodeParams, response: { 200: AreaDetail } },
      config: { permission: 'area.read', idParams: { code: 'area' } },
    },
    (req) => service.detail(req.actor!, req.params.code),
  );

  app.get(
    '/api/areas/:code/history',
    {
      schema: { tags: ['areas'], params: CodeParams, response: { 200: AreaHistory } },
      config: { permission: 'area.read', idParams: { code: 'area' }, personalData: true },
    },
    (req) => service.history(req.actor!, req.params.code),
  );
}

/** Creating, renaming and merging areas. */
function changeRoutes(app: App, service: AreasService): void {
  app.post(
    '/api/areas',
    {
      schema: { tags: ['areas'], body: AreaCreateInput, response: { 200: AreaDetail } },
      config: { permission: 'area.manage' },
    },
    (req) => service.create(req.actor!, req.body),
  );

  app.patch(
    '/api/areas/:code',
    {
      schema: { tags: ['areas'], params: CodeParams, body: AreaRenameInput, response: { 200: AreaDetail } },
      config: { permission: 'area.manage', idParams: { code: 'area' } },
    },
    (req) => service.rename(req.actor!, req.params.code, req.body),
  );

  app.post(
    '/api/areas/:code/merge',
    {
      schema: { tags: ['areas'], params: CodeParams, body: AreaMergeInput, response: { 200: AreaDetail } },
      config: { permission: 'area.manage', idParams: { code: 'area' } },
    },
    (req) => service.merge(req.actor!, req.params.code, req.body),
  );
}
