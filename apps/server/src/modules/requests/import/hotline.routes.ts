import type { FastifyError, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { XLSX_MIME } from '@linli/contracts';
import { HotlineImportQuery, HotlineImportReport } from '@linli/contracts/modules/requests';
import type { AppContext } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { pickLang } from '../../../platform/messages';
import { HotlineImportService, IMPORT_MAX_BYTES, reportInLanguage } from './hotline-import.service';
import { writeHotlineTemplate } from './hotline-sheet';

const tags = ['requests'];

function sendXlsx(reply: FastifyReply, body: Buffer, ascii: string, name: string): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}

/** Fastify's "body too large" becomes the route's own code. */
const tooLarge = (error: FastifyError) => {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('requests.import_too_large');
  throw error;
};
const buffer = (body: unknown): Buffer => {
  if (!Buffer.isBuffer(body)) throw new AppError('requests.import_unreadable');
  return body;
};

/** 12345 工单导入: the template, the import (dry run, then all or nothing) and its error report. */
export function hotlineImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const importer = new HotlineImportService(ctx);
  return async (app) => {
    // The body parser belongs to this plugin's scope only.
    app.addContentTypeParser([XLSX_MIME], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    const xlsxBody = z.any().describe(`the .xlsx file as the request body (Content-Type: ${XLSX_MIME}), at most 5 MB`);
    app.get(
      '/api/requests/import/template',
      {
        schema: { tags, response: { 200: z.any().describe('.xlsx: the headings and one example row') } },
        config: { permission: 'requests.import' },
      },
      async (_req, reply) =>
        sendXlsx(reply, await writeHotlineTemplate(), 'hotline-template.xlsx', '12345工单导入模板.xlsx'),
    );
    app.post(
      '/api/requests/import',
      {
        schema: { tags, querystring: HotlineImportQuery, body: xlsxBody, response: { 200: HotlineImportReport } },
        config: { permission: 'requests.import', personalData: true },
        errorHandler: tooLarge,
      },
      async (req) => {
        const { report } = await importer.importOrders(req.actor!, buffer(req.body), req.query.dryRun === 'true');
        return reportInLanguage(report, pickLang(req.headers['accept-language']));
      },
    );
    app.post(
      '/api/requests/import/errors',
      {
        schema: {
          tags,
          body: xlsxBody,
          response: { 200: z.any().describe('.xlsx: the rejected rows with a 错误原因 column') },
        },
        config: { permission: 'requests.import', personalData: true },
        errorHandler: tooLarge,
      },
      async (req, reply) => {
        const file = await importer.errorReport(req.actor!, buffer(req.body), pickLang(req.headers['accept-language']));
        return sendXlsx(reply, file, 'hotline-errors.xlsx', '12345工单导入错误报告.xlsx');
      },
    );
  };
}
