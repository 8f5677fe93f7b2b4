import type {} from './residents.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, LoginResult, Ok, PageQuery } from '@linli/contracts';
import {
  OtpRequestInput,
  PasswordResetInput,
  PublicCommunityList,
  PublicNotice,
  PublicNoticeList,
  ResidentLoginInput,
  ResidentPreferencesInput,
  ResidentProfile,
  SignupInput,
} from '@linli/contracts/modules/residents';
import type { AppContext } from '../../platform/context';
import { type MeService, finishLogin } from '../auth';
import type { ResidentAccountService } from './account.service';
import type { OtpService } from './otp.service';
import type { ResidentSelfService } from './self.service';

const tags = ['residents'];

function client(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id };
}

export interface MobileServices {
  otp: OtpService;
  accounts: ResidentAccountService;
  self: ResidentSelfService;
  me: MeService;
}

/**
 * The mobile entry's API (/api/m/…). Public (no session yet, by their nature): the community list (names and codes
 * only), asking for a code, sign-up, sign-in and reset — each rate-limited or locked out like the staff login. The
 * rest needs a resident's session (resident.self): any other account gets 404.
 */
export function mobileRoutes(ctx: AppContext, s: MobileServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/m/communities',
      { schema: { tags, response: { 200: PublicCommunityList } }, config: { public: true } },
      () => s.accounts.communities(),
    );
    app.post(
      '/api/m/codes',
      { schema: { tags, body: OtpRequestInput, response: { 200: Ok } }, config: { public: true } },
      async (req) => {
        await s.otp.request(req.body.phone, req.body.purpose, client(req));
        return { ok: true as const };
      },
    );
    app.post(
      '/api/m/signup',
      { schema: { tags, body: SignupInput, response: { 200: LoginResult } }, config: { public: true } },
      async (req, reply) => finishLogin(ctx, s.me, req, reply, await s.accounts.signup(req.body, client(req))),
    );
    app.post(
      '/api/m/login',
      { schema: { tags, body: ResidentLoginInput, response: { 200: LoginResult } }, config: { public: true } },
      async (req, reply) =>
        finishLogin(ctx, s.me, req, reply, await s.accounts.signIn(req.body.phone, req.body.password, client(req))),
    );
    app.post(
      '/api/m/password-reset',
      { schema: { tags, body: PasswordResetInput, response: { 200: Ok } }, config: { public: true } },
      async (req) => {
        await s.accounts.resetPassword(req.body, client(req));
        return { ok: true as const };
      },
    );
    selfRoutes(app, s.self);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];

function selfRoutes(app: App, self: ResidentSelfService): void {
  const own = { permission: 'resident.self', personalData: true } as const;
  app.get('/api/m/me', { schema: { tags, response: { 200: ResidentProfile } }, config: own }, (req) =>
    self.profile(req.actor!),
  );
  app.put(
    '/api/m/me/preferences',
    { schema: { tags, body: ResidentPreferencesInput, response: { 200: ResidentProfile } }, config: own },
    (req) => self.setPreferences(req.actor!, req.body),
  );
  app.post('/api/m/me/link-request', { schema: { tags, response: { 200: ResidentProfile } }, config: own }, (req) =>
    self.requestLink(req.actor!),
  );
  app.get(
    '/api/m/notices',
    {
      schema: { tags, querystring: PageQuery, response: { 200: PublicNoticeList } },
      config: { permission: 'resident.self' },
    },
    (req) => self.notices(req.actor!, req.query),
  );
  app.get(
    '/api/m/notices/:id',
    {
      schema: { tags, params: z.object({ id: Id }), response: { 200: PublicNotice } },
      config: { permission: 'resident.self', idParams: { id: 'notice' } },
    },
    (req) => self.notice(req.actor!, req.params.id),
  );
}
