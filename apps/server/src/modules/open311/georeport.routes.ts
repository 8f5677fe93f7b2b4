import type {} from './open311.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GeoErrorList,
  GeoJurisdictionQuery,
  GeoPostResult,
  GeoRequestList,
  GeoRequestQuery,
  GeoServiceDefinition,
  GeoServiceList,
  GeoServicesQuery,
  GeoTokenResult,
} from '@linli/contracts/modules/open311';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { RateLimiter } from '../../platform/rate-limit';
import { GeoError, notFound } from './georeport.errors';
import { type GeoFormat, formatOfUrl, sendGeo, sendGeoError, splitFormat } from './georeport.format';
import { parseForm } from './georeport.form';
import type { GeoIntakeService } from './georeport.intake';
import type { GeoReadService } from './georeport.service';
import type { Open311KeyService } from './keys.service';

const tags = ['open311'];
const FORMATS: GeoFormat[] = ['json', 'xml'];
const errors = { 400: GeoErrorList, 403: GeoErrorList, 404: GeoErrorList, 429: GeoErrorList };
/** Anonymous reads per client address and minute (in memory: a per-process guard against scraping, not a quota). */
const READS_PER_MINUTE = 300;

function client(req: FastifyRequest) {
  return { ip: req.ip, requestId: req.id };
}

/** `file` is `<id>.json` or `<id>.xml`; anything else is not a resource here. */
function fileOf(file: string): { id: string; format: GeoFormat } {
  const split = splitFormat(file);
  if (!split) throw notFound('Not found: resources end in .json or .xml');
  return split;
}

/**
 * Open311 GeoReport v2 under /open311/v2/ (docs/open311.md). These routes are `public: true`: partner systems and
 * Open311 clients call them without a Linli session, so the session/CSRF hook lets them through, and none of them
 * acts as the session's user even when a browser sends its cookie along. CSRF protection is not needed: the reads
 * change nothing, and the one write (POST requests) is authorised by the `api_key` in its body, which a forged
 * cross-site form cannot know. Everything the reads return is public by design (never contact fields).
 *
 * Errors here are the standard's list (`[{code, description}]` / `<errors><error>…`), not Linli's error body: an
 * error handler of this plugin's own (Fastify scopes it to these routes) answers in the format of the path.
 */
export function georeportRoutes(ctx: AppContext, s: Services): FastifyPluginAsyncZod {
  return async (app) => {
    // The standard's POST is form-encoded (this plugin's scope only; the rest of the API stays JSON).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, parseForm(body as string)),
    );
    app.setErrorHandler((error: FastifyError | AppError | GeoError, req, reply) => geoError(error, req, reply));
    const reads = new RateLimiter(ctx.clock, READS_PER_MINUTE, 60_000);
    app.addHook('onRequest', async (req) => {
      if (req.method === 'GET' && !reads.hit(req.ip)) throw new GeoError(429, 'Too many requests; wait a minute');
    });

    for (const format of FORMATS) formatRoutes(app, s, format);
    fileRoutes(app, s);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];
type Services = { read: GeoReadService; intake: GeoIntakeService; keys: Open311KeyService };

/**
 * The resources named `<id>.json|xml` (a service's definition, a request, a token): one route each, whose path
 * parameter carries the id and the format.
 */
function fileRoutes(app: App, s: Services): void {
  const route = (
    resource: 'services' | 'requests' | 'tokens',
    param: 'service_code' | 'service_request_id' | 'token',
    kind: 'open311_service' | 'open311_request' | 'open311_token',
    response: z.ZodType,
    root: string,
    run: (district: string, id: string) => Promise<unknown>,
  ) =>
    app.get(
      `/open311/v2/${resource}/:${param}`,
      {
        schema: {
          tags,
          params: z.object({ [param]: z.string().max(80) }),
          querystring: GeoJurisdictionQuery,
          response: { 200: response, ...errors },
        },
        config: { public: true, idParams: { [param]: kind } },
      },
      async (req, reply) => {
        const { id, format } = fileOf((req.params as Record<string, string>)[param]!);
        const district = await s.read.district((req.query as { jurisdiction_id?: string }).jurisdiction_id);
        return sendGeo(reply, format, root, await run(district, id));
      },
    );
  route('services', 'service_code', 'open311_service', GeoServiceDefinition, 'service_definition', (d, id) =>
    s.read.definition(d, id),
  );
  route('requests', 'service_request_id', 'open311_request', GeoRequestList, 'service_requests', (d, id) =>
    s.read.one(d, id),
  );
  route('tokens', 'token', 'open311_token', GeoTokenResult, 'service_requests', (d, id) => s.read.token(d, id));
}

/** The list resources, one route per format: services, requests (GET and POST). */
function formatRoutes(app: App, s: Services, format: GeoFormat): void {
  app.get(
    `/open311/v2/services.${format}`,
    {
      schema: { tags, querystring: GeoServicesQuery, response: { 200: GeoServiceList, ...errors } },
      config: { public: true },
    },
    async (req, reply) => {
      const key = req.query.api_key ? await s.keys.check(req.query.api_key, client(req)) : null;
      if (key && !key.ok)
        throw key.reason === 'limited'
          ? new GeoError(429, 'Too many requests for this api_key')
          : new GeoError(403, 'api_key is not valid');
      const district = await s.read.district(req.query.jurisdiction_id, key?.ok ? key.key : null);
      return sendGeo(reply, format, 'services', await s.read.services(district));
    },
  );
  app.get(
    `/open311/v2/requests.${format}`,
    {
      schema: { tags, querystring: GeoRequestQuery, response: { 200: GeoRequestList, ...errors } },
      config: { public: true },
    },
    async (req, reply) => {
      const district = await s.read.district(req.query.jurisdiction_id);
      return sendGeo(reply, format, 'service_requests', await s.read.list(district, req.query));
    },
  );
  // Form-encoded fields (`attribute[code]` among them) are read and checked by the handler (georeport.form.ts),
  // so that every refusal — the api_key first — is the standard's error list.
  app.post(
    `/open311/v2/requests.${format}`,
    { schema: { tags, response: { 200: GeoPostResult, ...errors } }, config: { public: true } },
    async (req, reply) => sendGeo(reply, format, 'service_requests', await s.intake.post(req.body, client(req))),
  );
}

/** Every refusal of these routes as the standard's error list, in the format the path asked for. */
function geoError(error: FastifyError | AppError | GeoError, req: FastifyRequest, reply: FastifyReply) {
  const format = formatOfUrl(req.url);
  if (error instanceof GeoError) return sendGeoError(reply, format, error.status, error.description);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const where = issue?.instancePath.replace(/^\//, '') || 'query';
    return sendGeoError(reply, format, 400, `${where} is not valid`);
  }
  const status = error instanceof AppError ? error.status : ((error as FastifyError).statusCode ?? 500);
  if (status === 404) return sendGeoError(reply, format, 404, 'Not found');
  if (status === 429) return sendGeoError(reply, format, 429, 'Too many requests; wait a minute');
  if (status === 403 || status === 401) return sendGeoError(reply, format, 403, 'Forbidden');
  // Fastify's own client errors (malformed form, body too large, unsupported media type), input guard refusals.
  if (status >= 400 && status < 500) return sendGeoError(reply, format, 400, 'The request is not valid');
  req.log.error({ err: error }, 'open311: unhandled error');
  void reply.status(500);
  return format === 'json'
    ? reply.type('application/json; charset=utf-8').send(JSON.stringify([{ code: 500, description: 'Internal error' }]))
    : sendGeoError(reply, format, 500 as 400, 'Internal error');
}
