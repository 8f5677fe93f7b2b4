import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClientListQuery, LedgerImportQuery, LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { AppError } from '../../../platform/errors';
import { pickLang } from '../../../platform/messages';
import type { GateTicket } from '../../../platform/concurrency-gate';
import type { LedgerExportService } from './ledger-export.service';
import { type LedgerService, reportInLanguage } from './ledger.service';
import { writeTemplate } from './ledger-sheets';

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
    importRoutes(app, ledger, maxMb);
    templateRoute(app);
    exportRoute(app, ledgerExport);
  };
}

/** An upload route of the ledger (the .xlsx file as the body): admission, size error and the gate around `run`. */
function uploadRoute(
  app: App,
  ledger: LedgerService,
  maxMb: number,
  // The response schema checks what `run` answers (a report, or a file sent on the reply).
  route: { url: string; response: z.ZodType; run: (req: UploadRequest) => Promise<unknown> },
): void {
  const slots = new WeakMap<FastifyRequest, ImportSlot>();
  app.post(
    route.url,
    {
      schema: {
        tags,
        querystring: LedgerImportQuery,
        response: { 200: route.response },
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
    async (req, reply) => {
      const slot = slots.get(req);
      if (!slot || slot.ticket.released) throw new AppError('care.import_busy');
      slot.working = true;
      try {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('care.ledger_unreadable', [
            { path: 'file', code: 'care.ledger_content_type', params: { type: XLSX_MIME } },
          ]);
        return await route.run({ req, reply, body: req.body, query: req.query });
      } finally {
        slot.ticket.release();
      }
    },
  );
}

interface UploadRequest {
  req: FastifyRequest;
  reply: FastifyReply;
  body: Buffer;
  query: z.infer<typeof LedgerImportQuery>;
}

function importRoutes(app: App, ledger: LedgerService, maxMb: number): void {
  uploadRoute(app, ledger, maxMb, {
    url: '/api/care/ledger/import',
    response: LedgerImportReport,
    run: async ({ req, body, query }) => {
      const report = await ledger.importClients(req.actor!, body, {
        dryRun: query.dryRun === 'true',
        allOrNothing: query.allOrNothing === 'true',
      });
      return reportInLanguage(report, pickLang(req.headers['accept-language']));
    },
  });
  // The error report of a file: its rejected rows as uploaded with a 错误原因 column (nothing is written).
  uploadRoute(app, ledger, maxMb, {
    url: '/api/care/ledger/import/errors',
    response: z.any().describe('.xlsx file: the rejected rows as uploaded, with a 错误原因 column'),
    run: async ({ req, reply, body }) => {
      const buffer = await ledger.errorReport(req.actor!, body, pickLang(req.headers['accept-language']));
      return sendXlsx(reply, buffer, 'ledger-errors.xlsx', '台账导入错误报告.xlsx');
    },
  });
}

/** An .xlsx answer with an ASCII file name and the Chinese one for browsers that read `filename*`. */
function sendXlsx(reply: FastifyReply, buffer: Buffer, ascii: string, name: string): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(buffer);
}

function templateRoute(app: App): void {
  app.get(
    '/api/care/ledger/template',
    {
      schema: { tags, response: { 200: z.any().describe('.xlsx file: the headings, one example row, a notes sheet') } },
      config: { permission: 'care.client.write' },
    },
    async (_req, reply) => sendXlsx(reply, await writeTemplate(), 'ledger-template.xlsx', '服务对象台账导入模板.xlsx'),
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
      return sendXlsx(reply, buffer, 'ledger.xlsx', `服务对象台账-${new Date().toISOString().slice(0, 10)}.xlsx`);
    },
  );
}
