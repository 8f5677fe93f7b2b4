import type {} from './residents.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  LinkConfirmInput,
  LinkRejectInput,
  LinkRequest,
  LinkRequestList,
  LinkRequestListQuery,
  Notice,
  NoticeInput,
  NoticeList,
  NoticeListQuery,
  NoticeUpdateInput,
} from '@linli/contracts/modules/residents';
import type { LinkRequestsService } from './links.service';
import type { NoticesService } from './notices.service';

const tags = ['residents'];
const linkId = { params: z.object({ id: Id }) };

/** Staff pages: residents' link requests (care.client.write in the community) and the notice board (notice.manage). */
export function staffRoutes(links: LinkRequestsService, notices: NoticesService): FastifyPluginAsyncZod {
  return async (app) => {
    const linkConfig = {
      permission: 'care.client.write',
      personalData: true,
      idParams: { id: 'resident_link' },
    } as const;
    app.get(
      '/api/residents/link-requests',
      {
        schema: { tags, querystring: LinkRequestListQuery, response: { 200: LinkRequestList } },
        config: { permission: 'care.client.write', personalData: true },
      },
      (req) => links.list(req.actor!, req.query),
    );
    app.post(
      '/api/residents/link-requests/:id/confirm',
      { schema: { tags, ...linkId, body: LinkConfirmInput, response: { 200: LinkRequest } }, config: linkConfig },
      (req) => links.confirm(req.actor!, req.params.id, req.body.clientId),
    );
    app.post(
      '/api/residents/link-requests/:id/reject',
      { schema: { tags, ...linkId, body: LinkRejectInput, response: { 200: LinkRequest } }, config: linkConfig },
      (req) => links.reject(req.actor!, req.params.id, req.body.reason),
    );

    noticeRoutes(app, notices);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];

function noticeRoutes(app: App, notices: NoticesService): void {
  const noticeConfig = { permission: 'notice.manage', idParams: { id: 'notice' } } as const;
  app.get(
    '/api/notices',
    {
      schema: { tags, querystring: NoticeListQuery, response: { 200: NoticeList } },
      config: { permission: 'notice.manage' },
    },
    (req) => notices.list(req.actor!, req.query),
  );
  app.post(
    '/api/notices',
    { schema: { tags, body: NoticeInput, response: { 200: Notice } }, config: { permission: 'notice.manage' } },
    (req) => notices.create(req.actor!, req.body),
  );
  app.get('/api/notices/:id', { schema: { tags, ...linkId, response: { 200: Notice } }, config: noticeConfig }, (req) =>
    notices.detail(req.actor!, req.params.id),
  );
  app.put(
    '/api/notices/:id',
    { schema: { tags, ...linkId, body: NoticeUpdateInput, response: { 200: Notice } }, config: noticeConfig },
    (req) => notices.update(req.actor!, req.params.id, req.body),
  );
  app.post(
    '/api/notices/:id/publish',
    { schema: { tags, ...linkId, response: { 200: Notice } }, config: noticeConfig },
    (req) => notices.setPublished(req.actor!, req.params.id, true),
  );
  app.post(
    '/api/notices/:id/unpublish',
    { schema: { tags, ...linkId, response: { 200: Notice } }, config: noticeConfig },
    (req) => notices.setPublished(req.actor!, req.params.id, false),
  );
}
