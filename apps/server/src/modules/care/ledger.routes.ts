import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClientListQuery, ExportDecisionInput, ExportRequest, ExportRequestInput, ExportRequestList, Id, LedgerImportQuery, LedgerImportReport, XLSX_MIME,
} from '@linli/contracts';
import type { ExportsService } from './exports.service';
import { AppError } from '../../platform/errors';
import type { LedgerService } from './ledger.service';

const tags = ['care'];
const MAX_LEDGER_BYTES = 20 * 1024 * 1024;

export function ledgerRoutes(ledger: LedgerService, exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    // The upload is the .xlsx file itself as the request body (no multipart), up to 20 MB.
    app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_LEDGER_BYTES }, (_req, body, done) => done(null, body));

    app.post('/api/care/ledger/import', {
      schema: {
        tags, querystring: LedgerImportQuery, response: { 200: LedgerImportReport },
        body: z.any().describe(`the .xlsx file as the request body (Content-Type: ${XLSX_MIME})`),
      },
      config: { permission: 'care.client.write', personalData: true },
    }, (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('care.ledger_unreadable', [{ path: 'file', message: `send the file with Content-Type ${XLSX_MIME}` }]);
      return ledger.importClients(req.actor!, req.body, { dryRun: req.query.dryRun === 'true', allOrNothing: req.query.allOrNothing === 'true' });
    });

    app.get('/api/care/ledger/export', {
      schema: { tags, querystring: ClientListQuery.omit({ page: true, pageSize: true }), response: { 200: z.any().describe('.xlsx file (masked)') } },
      config: { permission: 'care.client.read', personalData: true },
    }, async (req, reply) => {
      const { buffer } = await ledger.exportClients(req.actor!, { ...req.query, page: 1, pageSize: 1000 });
      const name = encodeURIComponent(`服务对象台账-${new Date().toISOString().slice(0, 10)}.xlsx`);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${name}`).send(buffer);
    });

    // Unmasked exports: request → someone else approves → the requester downloads once within 24 hours.
    app.post('/api/care/exports', {
      schema: { tags, body: ExportRequestInput, response: { 200: ExportRequest } },
      config: { permission: 'care.client.reveal', personalData: true },
    }, (req) => exports.request(req.actor!, req.body.filter, req.body.reason));

    app.get('/api/care/exports', {
      schema: { tags, response: { 200: ExportRequestList } },
      config: { permission: 'care.client.read', personalData: true },
    }, (req) => exports.list(req.actor!));

    app.post('/api/care/exports/:id/decision', {
      schema: { tags, params: z.object({ id: Id }), body: ExportDecisionInput, response: { 200: ExportRequest } },
      config: { permission: 'care.export.approve', personalData: true, idParams: { id: 'export' } },
    }, (req) => exports.decide(req.actor!, req.params.id, req.body.approve, req.body.note));

    app.get('/api/care/exports/:id/download', {
      schema: { tags, params: z.object({ id: Id }), response: { 200: z.any().describe('.xlsx file (unmasked, watermarked)') } },
      config: { permission: 'care.client.reveal', personalData: true, idParams: { id: 'export' } },
    }, async (req, reply) => {
      const buffer = await exports.download(req.actor!, req.params.id);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', 'attachment; filename="ledger-unmasked.xlsx"').send(buffer);
    });
  };
}
