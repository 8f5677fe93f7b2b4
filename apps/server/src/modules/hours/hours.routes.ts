import type {} from './hours.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id, XLSX_MIME } from '@linli/contracts';
import {
  Certificate,
  CertificateInput,
  CertificateList,
  CertificateListQuery,
  CertificateVerification,
  ClaimDecisionInput,
  ClaimInput,
  ExportQuery,
  HourClaim,
  HourClaimList,
  HourClaimListQuery,
  HourEntry,
  HourEntryList,
  HourEntryListQuery,
  IssuerQuery,
  IssuerSettings,
  IssuerSettingsView,
  MyHours,
  ReverseInput,
  ReverseResult,
  RevokeCertificateInput,
  StarRule,
  StarRuleInput,
  StarRuleQuery,
  StatementQuery,
  VerificationCode,
  VolunteerHours,
} from '@linli/contracts/modules/hours';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { RateLimiter } from '../../platform/rate-limit';
import type { CertificateFile, CertificatesService } from './hours-certificates';
import type { HoursExportService } from './hours-export';
import type { HoursOwnService } from './hours-own.service';
import type { HoursService } from './hours.service';
import type { HoursSettingsService } from './hours-settings.service';

const tags = ['hours'];
const params = z.object({ id: Id });
const PDF = z.any().describe('application/pdf: the service certificate (志愿服务记录证明)');

/** The origin the verification address on a PDF points to (this server, as the browser reached it). */
function originOf(req: FastifyRequest): string {
  const host = req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost';
  return `${req.protocol}://${String(host).split(',')[0]!.trim()}`;
}

function sendPdf(reply: FastifyReply, file: CertificateFile) {
  return reply
    .header('content-type', 'application/pdf')
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `inline; filename="${file.row.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`志愿服务记录证明-${file.row.number}.pdf`)}`,
    )
    .send(file.pdf);
}

export interface HoursServices {
  staff: HoursService;
  settings: HoursSettingsService;
  certificates: CertificatesService;
  exports: HoursExportService;
  own: HoursOwnService;
}

const read = { permission: 'hours.read', personalData: true } as const;
const write = { permission: 'hours.write', personalData: true } as const;

/** Staff: the ledger, corrections, claims, settings, certificates and exports. */
export function hoursRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(ledgerRoutes(s));
    await app.register(settingsRoutes(s));
    await app.register(certificateRoutes(s));
    await app.register(exportRoutes(s));
  };
}

/** The ledger, corrections and claims. */
function ledgerRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/hours/entries',
      { schema: { tags, querystring: HourEntryListQuery, response: { 200: HourEntryList } }, config: read },
      (req) => s.staff.list(req.actor!, req.query),
    );
    app.get(
      '/api/hours/entries/:id',
      {
        schema: { tags, params, response: { 200: HourEntry } },
        config: { ...read, idParams: { id: 'hour_entry' } },
      },
      (req) => s.staff.detail(req.actor!, req.params.id),
    );
    app.post(
      '/api/hours/entries/:id/reverse',
      {
        schema: { tags, params, body: ReverseInput, response: { 200: ReverseResult } },
        config: { ...write, idParams: { id: 'hour_entry' } },
      },
      (req) => s.staff.reverse(req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/hours/claims',
      { schema: { tags, querystring: HourClaimListQuery, response: { 200: HourClaimList } }, config: read },
      (req) => s.staff.claims(req.actor!, req.query),
    );
    app.post(
      '/api/hours/claims/:id/approve',
      {
        schema: { tags, params, body: ClaimDecisionInput, response: { 200: HourClaim } },
        config: { ...write, idParams: { id: 'hour_claim' } },
      },
      (req) => s.staff.decide(req.actor!, req.params.id, true, req.body),
    );
    app.post(
      '/api/hours/claims/:id/decline',
      {
        schema: { tags, params, body: ClaimDecisionInput, response: { 200: HourClaim } },
        config: { ...write, idParams: { id: 'hour_claim' } },
      },
      (req) => s.staff.decide(req.actor!, req.params.id, false, req.body),
    );
    app.get(
      '/api/hours/volunteers/:id',
      {
        schema: { tags, params, response: { 200: VolunteerHours } },
        config: { ...read, idParams: { id: 'volunteer' } },
      },
      (req) => s.staff.volunteerHours(req.actor!, req.params.id),
    );
  };
}

/** Star thresholds and certificate issuer details. */
function settingsRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/hours/star-rule',
      {
        schema: { tags, querystring: StarRuleQuery, response: { 200: StarRule } },
        config: { permission: 'hours.read' },
      },
      (req) => s.settings.starRule(req.actor!, req.query.areaCode ?? req.actor!.areaCodes[0] ?? ''),
    );
    app.put(
      '/api/hours/star-rule',
      {
        schema: { tags, body: StarRuleInput, response: { 200: StarRule } },
        config: { permission: 'hours.settings' },
      },
      (req) => s.settings.setStarRule(req.actor!, req.body),
    );
    app.get(
      '/api/hours/issuer',
      {
        schema: { tags, querystring: IssuerQuery, response: { 200: IssuerSettingsView } },
        config: { permission: 'hours.read', personalData: true },
      },
      (req) => s.settings.issuer(req.actor!, req.query.areaCode ?? req.actor!.areaCodes[0] ?? ''),
    );
    app.put(
      '/api/hours/issuer',
      {
        schema: { tags, body: IssuerSettings, response: { 200: IssuerSettingsView } },
        config: { permission: 'hours.settings', personalData: true },
      },
      (req) => s.settings.setIssuer(req.actor!, req.body),
    );
  };
}

/** Certificates issued by staff. */
function certificateRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/hours/volunteers/:id/certificates',
      {
        schema: { tags, params, body: CertificateInput, response: { 200: Certificate } },
        config: { ...write, idParams: { id: 'volunteer' } },
      },
      (req) => s.certificates.issue(req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/hours/certificates',
      { schema: { tags, querystring: CertificateListQuery, response: { 200: CertificateList } }, config: read },
      (req) => s.certificates.list(req.actor!, req.query),
    );
    app.get(
      '/api/hours/certificates/:id/pdf',
      {
        schema: { tags, params, response: { 200: PDF } },
        config: { ...read, idParams: { id: 'hour_certificate' } },
      },
      async (req, reply) => sendPdf(reply, await s.certificates.pdf(req.actor!, req.params.id, originOf(req))),
    );
    app.post(
      '/api/hours/certificates/:id/revoke',
      {
        schema: { tags, params, body: RevokeCertificateInput, response: { 200: Certificate } },
        config: { ...write, idParams: { id: 'hour_certificate' } },
      },
      (req) => s.certificates.revoke(req.actor!, req.params.id, req.body.reason),
    );
  };
}

/** The national CSV and the Excel statement. */
function exportRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/hours/export/national.csv',
      {
        schema: {
          tags,
          querystring: ExportQuery,
          response: { 200: z.any().describe('text/csv, UTF-8 with BOM, CRLF') },
        },
        config: { permission: 'hours.export', personalData: true },
      },
      async (req, reply) => {
        const csv = await s.exports.nationalCsv(req.actor!, req.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="hours-national.csv"; filename*=UTF-8''${encodeURIComponent('志愿服务时长-全国系统.csv')}`,
          )
          .send(csv);
      },
    );
    app.get(
      '/api/hours/export/statement.xlsx',
      {
        schema: { tags, querystring: StatementQuery, response: { 200: z.any().describe('.xlsx statement') } },
        config: { permission: 'hours.export', personalData: true },
      },
      async (req, reply) => {
        const buffer = await s.exports.statement(req.actor!, req.query);
        return reply
          .header('content-type', XLSX_MIME)
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="hours-statement.xlsx"; filename*=UTF-8''${encodeURIComponent('志愿服务时长统计.xlsx')}`,
          )
          .send(buffer);
      },
    );
  };
}

/** A volunteer's own hours on /m. */
export function hoursOwnRoutes(s: HoursServices): FastifyPluginAsyncZod {
  return async (app) => {
    const own = { permission: 'hours.own' } as const;
    app.get('/api/m/hours', { schema: { tags, response: { 200: MyHours } }, config: own }, (req) =>
      s.own.mine(req.actor!),
    );
    app.post(
      '/api/m/hours/claims',
      {
        schema: {
          tags,
          body: ClaimInput,
          response: { 200: HourClaim.omit({ allowedActions: true, volunteerName: true }) },
        },
        config: own,
      },
      (req) => s.own.claim(req.actor!, req.body),
    );
    app.post(
      '/api/m/hours/certificates',
      { schema: { tags, body: CertificateInput, response: { 200: Certificate } }, config: own },
      (req) => s.own.issue(req.actor!, req.body),
    );
    app.get(
      '/api/m/hours/certificates/:id/pdf',
      {
        schema: { tags, params, response: { 200: PDF } },
        config: { ...own, idParams: { id: 'hour_certificate' } },
      },
      async (req, reply) => sendPdf(reply, await s.own.pdf(req.actor!, req.params.id, originOf(req))),
    );
  };
}

/** Anyone checks a certificate by its code (public, 30 look-ups a minute per address). */
export function hoursPublicRoutes(ctx: AppContext, s: HoursServices): FastifyPluginAsyncZod {
  const limiter = new RateLimiter(ctx.clock, 30, 60_000);
  return async (app) => {
    app.get(
      '/api/public/certificates/:code',
      {
        schema: { tags, params: z.object({ code: VerificationCode }), response: { 200: CertificateVerification } },
        config: { public: true, idParams: { code: 'hour_certificate_code' } },
      },
      async (req) => {
        if (!limiter.hit(req.ip)) throw new AppError('common.rate_limited');
        return s.certificates.verify(req.params.code);
      },
    );
  };
}
