import type {} from './hours.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApprovalView, ExportDecisionInput, ExportRequest, ExportRequestList, Id } from '@linli/contracts';
import { IdExportRequestInput } from '@linli/contracts/modules/hours';
import type { HoursIdExportService } from './hours-id-export.service';

const tags = ['hours'];
const params = z.object({ id: Id });

/**
 * The national CSV with full ID numbers (R-18): request with a reason → someone else approves → the requester
 * downloads once within 24 hours (docs/hours.md). The masked CSV stays at /api/hours/export/national.csv.
 */
export function hoursIdExportRoutes(s: HoursIdExportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/hours/export/id-requests',
      {
        schema: { tags, body: IdExportRequestInput, response: { 200: ExportRequest } },
        config: { permission: 'hours.export', personalData: true },
      },
      (req) => s.request(req.actor!, req.body),
    );
    app.get(
      '/api/hours/export/id-requests',
      {
        schema: {
          tags,
          querystring: z.object({ view: ApprovalView.optional() }),
          response: { 200: ExportRequestList },
        },
        config: { permission: 'hours.export', personalData: true },
      },
      (req) => s.list(req.actor!, req.query.view),
    );
    app.post(
      '/api/hours/export/id-requests/:id/decision',
      {
        schema: { tags, params, body: ExportDecisionInput, response: { 200: ExportRequest } },
        config: { permission: 'hours.export.approve', personalData: true, idParams: { id: 'hour_export' } },
      },
      (req) => s.decide(req.actor!, req.params.id, req.body.approve, req.body.note),
    );
    app.get(
      '/api/hours/export/id-requests/:id/national.csv',
      {
        schema: {
          tags,
          params,
          response: { 200: z.any().describe('text/csv, UTF-8 with BOM, CRLF: the national CSV with full ID numbers') },
        },
        config: { permission: 'hours.export', personalData: true, idParams: { id: 'hour_export' } },
      },
      async (req, reply) => {
        const csv = await s.download(req.actor!, req.params.id);
        const name = `hours-national-full-${req.params.id.slice(0, 8)}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`志愿服务时长-全国系统-全量证件号-${req.params.id.slice(0, 8)}.csv`)}`,
          )
          .send(csv);
      },
    );
  };
}
