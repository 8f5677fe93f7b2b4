import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Permission, isExternalRole } from '@linli/contracts';
import type { Actor } from './access';
import { auditEvent, auditRead, type AppContext } from './context';
import { safeEqual } from './crypto';
import { AppError } from './errors';

/**
 * Kinds of ids a route's path parameters carry (the route-table tests fill them with other communities' ids). Each
 * module declares its own by merging into this interface (`declare module '…/platform/request-context'`), so the
 * platform lists no domain's kinds.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in each module
export interface IdKinds {}
export type IdKind = keyof IdKinds & string;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, public config, health). */
    public?: boolean;
    /** Checked before the handler runs; 403 when missing. */
    permission?: Permission;
    /** The route reads or changes personal data: the handler must write an audit row (tested for every such route). */
    personalData?: boolean;
    /** What each path parameter identifies. */
    idParams?: Record<string, IdKind>;
    /** The answer may be cached by the browser (the web app's files); everything else is `no-store`. */
    cacheable?: boolean;
    /** Swagger UI pages, which bring their own Content-Security-Policy. */
    ownContentSecurityPolicy?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionMeta: { expiresAt: Date; idleSeconds: number; totpEnabled: boolean } | null;
    /** A session cookie came with the request but its session had timed out or ended. */
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'linli_sid';
export const SECURE_SESSION_COOKIE = '__Host-linli_sid';

export function isSecureRequest(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function sessionCookieName(request: FastifyRequest): string {
  return isSecureRequest(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = isSecureRequest(request);
  reply.setCookie(sessionCookieName(request), token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecureRequest(request),
  });
}

export type SessionResolver = (
  token: string,
  request: { ip: string | null; requestId: string | null },
) => Promise<
  | { state: 'none' | 'expired' }
  | { state: 'active'; actor: Actor; csrfToken: string; expiresAt: Date; idleSeconds: number; totpEnabled: boolean }
>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the router matched a registered route (false inside the not-found handler). */
export function isMatchedRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url !== undefined && !request.is404;
}

/** Resolves the actor for API calls and enforces authentication, CSRF and the route's permission. */
export function registerRequestContext(app: FastifyInstance, ctx: AppContext, resolve: SessionResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionMeta', null);
  app.decorateRequest('sessionExpired', false);

  // Authentication, CSRF and the route's permission are checked before the body is even parsed, so an
  // anonymous or unauthorised caller learns nothing about what a route accepts.
  //
  // Protection is decided from the route the router matched (its config), never from the URL text: the router
  // decodes `/%61pi/audit` to `/api/audit`, a string test on `request.url` does not (finding F1). A matched route is
  // protected unless its config says `public: true`; a request that matched no route has nothing to protect and
  // gets the JSON 404 from the not-found handler.
  app.addHook('onRequest', async (request) => {
    if (!isMatchedRoute(request)) return;
    const config = request.routeOptions.config;
    const token = request.cookies[SECURE_SESSION_COOKIE] ?? request.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolve(token, { ip: request.ip, requestId: request.id });
      if (resolved.state === 'active') {
        request.actor = resolved.actor;
        request.csrfToken = resolved.csrfToken;
        request.sessionMeta = {
          expiresAt: resolved.expiresAt,
          idleSeconds: resolved.idleSeconds,
          totpEnabled: resolved.totpEnabled,
        };
      } else if (resolved.state === 'expired') {
        request.sessionExpired = true;
        if (!config?.public) throw new AppError('auth.session_expired');
      }
    }
    if (config?.public) return;
    const actor = request.actor;
    if (!actor) throw new AppError('auth.unauthenticated');
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        auditRead(ctx, actor, {
          action: 'authz.csrf_failed',
          result: 'denied',
          detail: `${request.method} ${request.routeOptions.url}`,
        });
        throw new AppError('common.csrf_failed');
      }
    }
    if (config.permission && !actor.permissions.has(config.permission)) {
      auditRead(ctx, actor, {
        action: 'authz.forbidden',
        result: 'denied',
        objectIds: Object.values((request.params ?? {}) as Record<string, string>),
        detail: `${request.method} ${request.routeOptions.url} needs ${config.permission}`,
      });
      // A partner's or resident's account learns nothing of staff routes, not even that they exist: 404.
      throw new AppError(actor.roles.some(isExternalRole) ? 'common.not_found' : 'common.forbidden');
    }
  });
}

/** Records an out-of-scope or missing object as a denied access, then answers 404 (never data). */
export function deniedNotFound(
  ctx: AppContext,
  actor: Actor,
  objectType: string,
  ids: string[],
  code: AppError['code'] = 'common.not_found',
): AppError {
  ctx.auditWriter.enqueue(
    auditEvent(actor, { action: 'authz.not_found', objectType, objectIds: ids, result: 'denied' }),
  );
  return new AppError(code);
}
