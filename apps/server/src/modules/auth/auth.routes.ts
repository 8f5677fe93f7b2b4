import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CurrentAreaInput,
  CurrentSession,
  LoginInput,
  LoginPasswordInput,
  LoginResult,
  LoginTotpInput,
  Ok,
  PasswordChangeInput,
  PublicConfig,
  SessionInfo,
  SessionList,
  TotpConfirmInput,
  TotpSetup,
} from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { clearSessionCookie, setSessionCookie } from '../../platform/request-context';
import type { LoginService, LoginStep } from './login.service';
import type { MeService } from './me.service';
import { resolveSession } from './session.service';

const VERSION = '0.1.0';
type App = Parameters<FastifyPluginAsyncZod>[0];

function client(req: FastifyRequest, endOtherSessions?: boolean) {
  return {
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    endOtherSessions: endOtherSessions === true,
  };
}

export function authRoutes(ctx: AppContext, login: LoginService, me: MeService): FastifyPluginAsyncZod {
  return async (app) => {
    loginRoutes(app, ctx, login, me);
    sessionRoutes(app, me);
    meRoutes(app, me);
  };
}

/** Sets the cookie for a new session and answers with its SessionInfo (the /m login of residents too). */
export async function finish(
  ctx: AppContext,
  me: MeService,
  req: FastifyRequest,
  reply: FastifyReply,
  step: LoginStep,
) {
  if (step.kind === 'challenge') return step.result;
  setSessionCookie(req, reply, step.token);
  const resolved = await resolveSession(ctx, step.token, { ip: req.ip, requestId: req.id });
  if (resolved.state !== 'active') throw new AppError('auth.session_expired');
  return {
    status: 'ok' as const,
    session: await me.sessionInfo(resolved.actor, { ...resolved, csrfToken: resolved.csrfToken }),
    otherSessions: step.otherSessions.map((o) => ({
      ...o,
      current: false,
      createdAt: o.createdAt.toISOString(),
      lastSeenAt: o.lastSeenAt.toISOString(),
    })),
  };
}

function requireMeta(req: FastifyRequest) {
  if (!req.actor || !req.sessionMeta || !req.csrfToken) throw new AppError('auth.unauthenticated');
  return { actor: req.actor, meta: { ...req.sessionMeta, csrfToken: req.csrfToken } };
}

/** The public configuration and the login steps: password, second factor, forced password change. */
function loginRoutes(app: App, ctx: AppContext, login: LoginService, me: MeService): void {
  app.get(
    '/api/auth/config',
    { schema: { tags: ['auth'], response: { 200: PublicConfig } }, config: { public: true } },
    async () => ({ demoMode: ctx.config.demoMode, passwordProfile: ctx.config.passwordProfile, version: VERSION }),
  );

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: LoginInput, response: { 200: LoginResult } }, config: { public: true } },
    async (req, reply) =>
      finish(
        ctx,
        me,
        req,
        reply,
        await login.login(req.body.username, req.body.password, client(req, req.body.endOtherSessions)),
      ),
  );

  app.post(
    '/api/auth/login/totp',
    { schema: { tags: ['auth'], body: LoginTotpInput, response: { 200: LoginResult } }, config: { public: true } },
    async (req, reply) =>
      finish(
        ctx,
        me,
        req,
        reply,
        await login.completeTotp(req.body.challengeId, req.body.code, client(req, req.body.endOtherSessions)),
      ),
  );

  app.post(
    '/api/auth/login/password',
    {
      schema: { tags: ['auth'], body: LoginPasswordInput, response: { 200: LoginResult } },
      config: { public: true },
    },
    async (req, reply) =>
      finish(
        ctx,
        me,
        req,
        reply,
        await login.completePasswordChange(
          req.body.challengeId,
          req.body.newPassword,
          client(req, req.body.endOtherSessions),
        ),
      ),
  );
}

/** Logging out and reading the current session. */
function sessionRoutes(app: App, me: MeService): void {
  // Protected like every unsafe route: it needs the session's CSRF token, so another site cannot log a user out.
  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: Ok } } }, async (req, reply) => {
    await me.logout(req.cookies['__Host-linli_sid'] ?? req.cookies['linli_sid'], req.actor);
    clearSessionCookie(req, reply);
    // the browser drops what it cached for this origin.
    reply.header('clear-site-data', '"cache", "storage"');
    return { ok: true as const };
  });

  app.get('/api/auth/session', { schema: { tags: ['auth'], response: { 200: SessionInfo } } }, async (req) => {
    const { actor, meta } = requireMeta(req);
    return me.sessionInfo(actor, meta);
  });

  app.get(
    '/api/auth/current',
    { schema: { tags: ['auth'], response: { 200: CurrentSession } }, config: { public: true } },
    async (req) => {
      if (!req.actor || !req.sessionMeta || !req.csrfToken) return { session: null, expired: req.sessionExpired };
      return {
        session: await me.sessionInfo(req.actor, { ...req.sessionMeta, csrfToken: req.csrfToken }),
        expired: false,
      };
    },
  );
}

/** The user's own settings: current area, password, second factor, sessions. */
function meRoutes(app: App, me: MeService): void {
  app.put(
    '/api/me/area',
    { schema: { tags: ['me'], body: CurrentAreaInput, response: { 200: SessionInfo } } },
    async (req) => {
      const { actor, meta } = requireMeta(req);
      return me.sessionInfo(await me.setCurrentArea(actor, req.body.areaCode), meta);
    },
  );

  app.post(
    '/api/me/password',
    { schema: { tags: ['me'], body: PasswordChangeInput, response: { 200: Ok } }, config: { personalData: true } },
    async (req, reply) => {
      await me.changePassword(req.actor!, req.body.currentPassword, req.body.newPassword);
      clearSessionCookie(req, reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/me/totp/setup',
    { schema: { tags: ['me'], response: { 200: TotpSetup } }, config: { personalData: true } },
    (req) => me.startTotpSetup(req.actor!),
  );

  app.post(
    '/api/me/totp/confirm',
    { schema: { tags: ['me'], body: TotpConfirmInput, response: { 200: Ok } }, config: { personalData: true } },
    async (req) => {
      await me.confirmTotp(req.actor!, req.body.code);
      return { ok: true as const };
    },
  );

  app.get('/api/me/sessions', { schema: { tags: ['me'], response: { 200: SessionList } } }, (req) =>
    me.sessions(req.actor!),
  );

  app.delete(
    '/api/me/sessions',
    { schema: { tags: ['me'], response: { 200: Ok } }, config: { personalData: true } },
    async (req) => {
      await me.endOtherSessions(req.actor!);
      return { ok: true as const };
    },
  );
}
