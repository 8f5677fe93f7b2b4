import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClientListQuery, LedgerImportQuery, LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { AppError } from '../../../platform/errors';
import { pickLang } from '../../../platform/messages';
import type { GateTicket } from '../../../platform/concurrency-gate';
import type { LedgerExportService } from './ledger-export.service';
import { type LedgerService, reportInLanguage } from './ledger.service';

const tags = ['care'];
type App = Parameters<FastifyPluginAsyncZod>[0];

/** An import's place in the gate, and whether its handler has taken it over (then only the handler releases it). */
interface ImportSlot {
  ticket: GateTicket;
  working: boolean;
}

/**
 * The ledger's routes. The .xlsx body parser registered here belongs to this plugin's scope; index.ts registers the
 * export routes in the same scope (as they always were).
 */
export function ledgerRoutes(ledger: LedgerService, ledgerExport: LedgerExportService): FastifyPluginAsyncZod {
  return async (app) => {
    const maxBytes = ledger.maxUploadBytes;
    const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    // The upload is the .xlsx file itself as the request body (no multipart), up to LINLI_LEDGER_MAX_MB (20 MB).
    app.addContentTypeParser(
      [XLSX_MIME, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_req, body, done) => done(null, body),
    );
    importRoute(app, ledger, maxMb);
    exportRoute(app, ledgerExport);
  };
}

function importRoute(app: App, ledger: LedgerService, maxMb: number): void {
  const slots = new WeakMap<FastifyRequest, ImportSlot>();
  app.post(
    '/api/care/ledger/import',
    {
      schema: {
        tags,
        querystring: LedgerImportQuery,
        response: { 200: LedgerImportReport },
        body: z
          .any()
          .describe(
            `the .xlsx file as the request body (Content-Type: ${XLSX_MIME}), at most ${maxMb} MB and ${ledger.maxRows} data rows; one import per user at a time`,
          ),
      },
      config: { permission: 'care.client.write', personalData: true },
      ...importAdmission(ledger, slots),
      // Fastify's own "body too large" becomes the ledger's code, with the limit in the message.
      errorHandler: (error: FastifyError) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError('care.ledger_too_large', [
            { path: 'file', code: 'care.ledger_file_over', params: { mb: maxMb } },
          ]);
        throw error;
      },
    },
    async (req) => {
      const slot = slots.get(req);
      if (!slot || slot.ticket.released) throw new AppError('care.import_busy');
      slot.working = true;
      try {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('care.ledger_unreadable', [
            { path: 'file', code: 'care.ledger_content_type', params: { type: XLSX_MIME } },
          ]);
        const report = await ledger.importClients(req.actor!, req.body, {
          dryRun: req.query.dryRun === 'true',
          allOrNothing: req.query.allOrNothing === 'true',
        });
        return reportInLanguage(report, pickLang(req.headers['accept-language']));
      } finally {
        slot.ticket.release();
      }
    },
  );
}

/**
 * Admission, before a byte of the body is read (onRequest has authenticated and authorised the caller by now): one
 * import per user and a few per server; the rest are refused at once with 429, never queued (F2).
 */
function importAdmission(ledger: LedgerService, slots: WeakMap<FastifyRequest, ImportSlot>) {
  return {
    preParsing: async (req: FastifyRequest, reply: FastifyReply) => {
      const ticket = ledger.importGate.tryEnter(req.actor!.userId);
      if (typeof ticket === 'string') {
        reply.header('retry-after', '30');
        throw new AppError('care.import_busy', [
          {
            path: 'file',
            code: ticket === 'key_busy' ? 'care.ledger_import_running' : 'care.ledger_imports_at_capacity',
          },
        ]);
      }
      const slot: ImportSlot = { ticket, working: false };
      slots.set(req, slot);
      // The response ends before the handler takes over (body too large, aborted upload, bad content type).
      reply.raw.once('close', () => {
        if (!slot.working) ticket.release();
      });
    },
    onRequestAbort: async (req: FastifyRequest) => {
      const slot = slots.get(req);
      if (slot && !slot.working) slot.ticket.release();
    },
  };
}

function exportRoute(app: App, ledgerExport: LedgerExportService): void {
  app.get(
    '/api/care/ledger/export',
    {
      schema: {
        tags,
        querystring: ClientListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any().describe('.xlsx file (masked)') },
      },
      config: { permission: 'care.client.read', personalData: true },
    },
    async (req, reply) => {
      const { buffer } = await ledgerExport.exportClients(req.actor!, { ...req.query, page: 1, pageSize: 1000 });
      const name = encodeURIComponent(`服务对象台账-${new Date().toISOString().slice(0, 10)}.xlsx`);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${name}`)
        .send(buffer);
    },
  );
}
