import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApprovalView,
  ExportDecisionInput,
  ExportRequest,
  ExportRequestInput,
  ExportRequestList,
  Id,
  XLSX_MIME,
} from '@linli/contracts';
import type { ExportsService } from './exports.service';

const tags = ['care'];

export function exportRoutes(exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Unmasked exports: request → someone else approves → the requester downloads once within 24 hours.
    app.post(
      '/api/care/exports',
      {
        schema: { tags, body: ExportRequestInput, response: { 200: ExportRequest } },
        config: { permission: 'care.client.reveal', personalData: true },
      },
      (req) => exports.request(req.actor!, req.body.filter, req.body.reason),
    );

    app.get(
      '/api/care/exports',
      {
        schema: {
          tags,
          querystring: z.object({ view: ApprovalView.optional() }),
          response: { 200: ExportRequestList },
        },
        config: { permission: 'care.client.read', personalData: true },
      },
      (req) => exports.list(req.actor!, req.query.view),
    );

    app.post(
      '/api/care/exports/:id/decision',
      {
        schema: { tags, params: z.object({ id: Id }), body: ExportDecisionInput, response: { 200: ExportRequest } },
        config: { permission: 'care.export.approve', personalData: true, idParams: { id: 'export' } },
      },
      (req) => exports.decide(req.actor!, req.params.id, req.body.approve, req.body.note),
    );

    app.get(
      '/api/care/exports/:id/download',
      {
        schema: {
          tags,
          params: z.object({ id: Id }),
          response: { 200: z.any().describe('.xlsx file (unmasked, watermarked)') },
        },
        config: { permission: 'care.client.reveal', personalData: true, idParams: { id: 'export' } },
      },
      async (req, reply) => {
        const buffer = await exports.download(req.actor!, req.params.id);
        return reply
          .header('content-type', XLSX_MIME)
          .header('content-disposition', 'attachment; filename="ledger-unmasked.xlsx"')
          .send(buffer);
      },
    );
  };
}
