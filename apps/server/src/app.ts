import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ErrorBody } from '@linli/contracts';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppConfig } from './config';
import { REPO_ROOT } from './platform/paths';
import { type AppContext, createContext } from './platform/context';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import { AppError, registerErrorHandler, toFieldError } from './platform/errors';
import { registerIdempotency } from './platform/idempotency';
import { registerInputGuard } from './platform/input-guard';
import { registerReadAfterWrite } from './platform/read-replica';
import type { Keys } from './platform/keys';
import { registerRequestContext } from './platform/request-context';
import { applySecurityHeaders, registerSecurityHeaders } from './platform/security-headers';
import { ERROR_MESSAGES, pickLang } from './platform/messages';
import { logSerializers } from './platform/redact';
import { resolveSession } from './modules/auth';
import { loadModules } from './modules';
import { setupModules } from './platform/module';

export interface BuildAppOptions {
  database: Database;
  config: AppConfig;
  clock: Clock;
  keys: Keys;
  logger?: boolean;
  /**
   * Start the modules' background work (rollup folding, event delivery). Tests turn it off and run that work
   * explicitly, so a timer never changes what a test is counting.
   */
  background?: boolean;
}

export interface RouteInfo {
  method: string;
  url: string;
  config: Record<string, unknown>;
  /** The route's request schemas (zod), for tests that derive requests from them (test/fuzz.test.ts). */
  schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType };
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    routeTable: RouteInfo[];
  }
}

/** Builds the whole application; used by main.ts and by the tests (with an in-memory database and a fake clock). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = createFastify(options);
  const ctx = createContext({
    database: options.database,
    config,
    clock: options.clock,
    keys: options.keys,
    log: app.log,
  });
  app.decorate('ctx', ctx);
  app.decorate('routeTable', collectRouteTable(app));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  registerSecurityHeaders(app);
  registerErrorHandler(app);
  registerInputGuard(app);
  registerRequestContext(app, ctx, (token, request) => resolveSession(ctx, token, request));
  registerReadAfterWrite(app, ctx.reads); // after the request context: it needs the actor (ADR 0008)
  registerIdempotency(app, ctx);

  await registerApiDocs(app, options.database);

  // The modules: their event handlers, their routes, their background work (src/modules.ts).
  const modules = await loadModules();
  setupModules(modules, ctx);
  for (const module of modules) await module.register?.(app, ctx);
  const background = options.background ?? true;
  const stops = background ? modules.flatMap((module) => (module.start ? [module.start(ctx)] : [])) : [];
  if (background) ctx.events.start();
  if (background) await ctx.statistics.start();
  if (background) ctx.jobs.start();

  await registerWebApp(app, config);
  // A response leaves only once the audit rows its request queued are in the outbox (finding F8, ADR 0006).
  app.addHook('onSend', async (request) => {
    await ctx.auditWriter.settle(request.id);
  });
  app.addHook('onResponse', async (request) => ctx.auditWriter.forget(request.id));
  app.addHook('onClose', async () => {
    for (const stop of stops) await stop();
    await ctx.jobs.stop();
    await ctx.statistics.stop();
    await ctx.events.close();
    await ctx.auditWriter.close();
  });
  return app;
}

/** The Fastify instance with the app's logging, proxy trust, body limit and answer to errors raised before routing. */
function createFastify(options: BuildAppOptions) {
  const { config } = options;
  return Fastify({
    // Personal identifiers never reach the log: request lines and errors go through the redacting serializers (F9).
    logger: options.logger === false ? false : { level: config.logLevel, serializers: logSerializers },
    // A hop count becomes proxy-addr's rule "the first n hops from us are proxies" (F12); a list is taken as it is.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    // Errors raised before routing (a malformed percent-encoding in the path, a bad Content-Type) get the same body
    // and headers as every other error instead of Fastify's default.
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(request, reply, undefined);
      const lang = pickLang(request.headers['accept-language']);
      const body: ErrorBody = {
        code: 'common.validation_failed',
        message: ERROR_MESSAGES['common.validation_failed'][lang],
        requestId: request.id,
        fields: [toFieldError({ path: '', code: 'field.malformed_request', params: { detail: error.message } }, lang)],
      };
      void (reply as FastifyReply).status(400).send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();
}

/** Every route as it is registered, for the route-table tests; Swagger UI's pages are marked public here. */
function collectRouteTable(app: FastifyInstance): RouteInfo[] {
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    // Swagger UI's own routes (registered by its plugin): public pages that carry their own CSP. Decided here, from
    // the registered pattern, so the request hooks only ever look at the matched route's config.
    if (route.url.startsWith('/api/docs'))
      route.config = { ...(route.config ?? {}), public: true, ownContentSecurityPolicy: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Every route but Swagger UI's pages and the web app's files: a route added anywhere (not only under /api/)
      // is in the table, so the route-table tests cover it.
      const config = (route.config ?? {}) as Record<string, unknown>;
      if (method === 'HEAD' || config.ownContentSecurityPolicy || config.cacheable) continue;
      const { params, querystring, body } = (route.schema ?? {}) as RouteInfo['schema'];
      routeTable.push({ method, url: route.url, config, schema: { params, querystring, body } });
    }
  });
  return routeTable;
}

/** The OpenAPI document, Swagger UI under /api/docs, and the health check. */
async function registerApiDocs(app: ReturnType<typeof createFastify>, database: Database): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Linli 邻里 API', version: '0.1.0', description: 'Neighbourhood care and co-governance platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        response: { 200: z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }) },
      },
      config: { public: true },
    },
    async () => ({ ok: true as const, database: database.kind }),
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}

/** Trusts the `hops` addresses nearest to us (our own proxies) and none beyond them. */
export function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Serves the built web app, with index.html for client-side routes. */
async function registerWebApp(app: FastifyInstance, config: AppConfig): Promise<void> {
  const dist = config.webDist ?? path.join(REPO_ROOT, 'apps/web/dist');
  if (!existsSync(path.join(dist, 'index.html'))) return;
  // `serve: false`: files are served by the one route below, so every answer passes through a route whose config
  // the security hooks read (public, cacheable), not through routes the static plugin registers on its own.
  await app.register(fastifyStatic, { root: dist, serve: false });
  app.get('/*', { schema: { hide: true }, config: { public: true, cacheable: true } }, async (request, reply) => {
    // The router's decoded wildcard, not the raw URL: `/%61pi/x` is `api/x` here too.
    const file = (request.params as { '*'?: string })['*'] ?? '';
    // An unknown API path is an API 404, never the app's HTML with 200 (clients and tools would take it as success).
    if (file === 'api' || file.startsWith('api/')) throw new AppError('common.not_found');
    const safe = file !== '' && !file.split('/').includes('..') && !file.includes('\0');
    if (safe && statSync(path.join(dist, file), { throwIfNoEntry: false })?.isFile()) {
      // Vite names built assets by content hash: they never change under the same name.
      const immutable = file.startsWith('assets/');
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(file);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
