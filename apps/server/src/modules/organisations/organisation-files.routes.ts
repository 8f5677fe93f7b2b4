import type { FastifyError, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, XLSX_MIME } from '@linli/contracts';
import {
  AllianceDetail,
  OrganisationImportQuery,
  OrganisationImportReport,
  OrganisationListQuery,
  PACT_CONTENT_TYPES,
  PACT_MAX_BYTES,
  PactUploadQuery,
} from '@linli/contracts/modules/organisations';
import { AppError } from '../../platform/errors';
import { pickLang } from '../../platform/messages';
import type { AlliancesService } from './alliances.service';
import { IMPORT_MAX_BYTES, type OrganisationsImportService, reportInLanguage } from './organisations-import.service';
import { pactTypeOf } from './pact-store';

const tags = ['organisations'];
type App = Parameters<FastifyPluginAsyncZod>[0];

function sendFile(reply: FastifyReply, body: Buffer, type: string, ascii: string, name: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
}

/** Fastify's "body too large" becomes the route's own code. */
const tooLarge = (code: 'organisations.import_too_large' | 'organisations.pact_too_large') => (error: FastifyError) => {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError(code);
  throw error;
};
const buffer = (body: unknown, code: 'organisations.import_unreadable' | 'organisations.pact_type'): Buffer => {
  if (!Buffer.isBuffer(body)) throw new AppError(code);
  return body;
};

/**
 * Routes that take or give a file: the register's .xlsx import (dry run, then import), its error report and export,
 * and the alliance members' pact documents. Their body parsers belong to this plugin's scope.
 */
export function organisationFileRoutes(
  importer: OrganisationsImportService,
  alliances: AlliancesService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser([XLSX_MIME], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    app.addContentTypeParser(
      [...PACT_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: PACT_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
    registerRoutes(app, importer);
    pactRoutes(app, alliances);
  };
}

function registerRoutes(app: App, importer: OrganisationsImportService) {
  const xlsxBody = z.any().describe(`the .xlsx file as the request body (Content-Type: ${XLSX_MIME}), at most 5 MB`);
  app.post(
    '/api/organisations/import',
    {
      schema: {
        tags,
        querystring: OrganisationImportQuery,
        body: xlsxBody,
        response: { 200: OrganisationImportReport },
      },
      config: { permission: 'organisations.import' },
      errorHandler: tooLarge('organisations.import_too_large'),
    },
    async (req) => {
      const body = buffer(req.body, 'organisations.import_unreadable');
      const { report } = await importer.importRegister(req.actor!, body, req.query.dryRun === 'true');
      return reportInLanguage(report, pickLang(req.headers['accept-language']));
    },
  );
  app.post(
    '/api/organisations/import/errors',
    {
      schema: {
        tags,
        body: xlsxBody,
        response: { 200: z.any().describe('.xlsx: the rejected rows with a 错误原因 column') },
      },
      config: { permission: 'organisations.import' },
      errorHandler: tooLarge('organisations.import_too_large'),
    },
    async (req, reply) => {
      const file = await importer.errorReport(
        req.actor!,
        buffer(req.body, 'organisations.import_unreadable'),
        pickLang(req.headers['accept-language']),
      );
      return sendFile(reply, file, XLSX_MIME, 'organisations-errors.xlsx', '合作单位导入错误报告.xlsx');
    },
  );
  app.get(
    '/api/organisations/export',
    {
      schema: {
        tags,
        querystring: OrganisationListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any().describe('.xlsx') },
      },
      config: { permission: 'organisations.read', personalData: true },
    },
    async (req, reply) => {
      const file = await importer.exportRegister(req.actor!, req.query);
      return sendFile(reply, file, XLSX_MIME, 'organisations.xlsx', '合作单位名录.xlsx');
    },
  );
}

function pactRoutes(app: App, alliances: AlliancesService) {
  const params = z.object({ id: Id });
  app.post(
    '/api/organisations/alliance-members/:id/pact',
    {
      schema: {
        tags,
        params,
        querystring: PactUploadQuery,
        body: z.any().describe('the pact document (PDF, JPEG or PNG) as the request body, at most 5 MB'),
        response: { 200: AllianceDetail },
      },
      config: { permission: 'organisations.write', idParams: { id: 'alliance_member' } },
      errorHandler: tooLarge('organisations.pact_too_large'),
    },
    async (req) => {
      const body = buffer(req.body, 'organisations.pact_type');
      const type = pactTypeOf(req.headers['content-type'], body);
      if (!type) throw new AppError('organisations.pact_type');
      const name = `pact.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
      return alliances.uploadPact(req.actor!, req.params.id, { body, type, name, signedOn: req.query.signedOn });
    },
  );
  app.get(
    '/api/organisations/alliance-members/:id/pact',
    {
      schema: { tags, params, response: { 200: z.any().describe('the pact document') } },
      config: { permission: 'organisations.read', idParams: { id: 'alliance_member' } },
    },
    async (req, reply) => {
      const pact = await alliances.pact(req.actor!, req.params.id);
      return sendFile(reply, pact.body, pact.type, pact.name, pact.name);
    },
  );
}
