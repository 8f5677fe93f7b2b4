import type {} from './users.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Id,
  Ok,
  OneTimePasswordResult,
  UserCreateInput,
  UserDetail,
  UserList,
  UserListQuery,
  UserRolesInput,
  UserStatusInput,
  UserUpdateInput,
} from '@linli/contracts';
import type { UserCredentialsService } from './user-credentials.service';
import type { UsersService } from './users.service';

const IdParams = z.object({ id: Id });
const byId = { idParams: { id: 'user' as const }, personalData: true };
type App = Parameters<FastifyPluginAsyncZod>[0];

export function userRoutes(users: UsersService, credentials: UserCredentialsService): FastifyPluginAsyncZod {
  return async (app) => {
    accountRoutes(app, users);
    credentialRoutes(app, credentials);
  };
}

/** The directory and account administration. */
function accountRoutes(app: App, service: UsersService): void {
  app.get(
    '/api/users',
    {
      schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserList } },
      config: { permission: 'user.read', personalData: true },
    },
    (req) => service.list(req.actor!, req.query),
  );

  app.get(
    '/api/users/:id',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserDetail } },
      config: { permission: 'user.read', ...byId },
    },
    (req) => service.detail(req.actor!, req.params.id),
  );

  app.post(
    '/api/users',
    {
      schema: { tags: ['users'], body: UserCreateInput, response: { 200: UserDetail } },
      config: { permission: 'user.manage', personalData: true },
    },
    (req) => service.create(req.actor!, req.body),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: { tags: ['users'], params: IdParams, body: UserUpdateInput, response: { 200: UserDetail } },
      config: { permission: 'user.manage', ...byId },
    },
    (req) => service.update(req.actor!, req.params.id, req.body),
  );

  app.put(
    '/api/users/:id/roles',
    {
      schema: { tags: ['users'], params: IdParams, body: UserRolesInput, response: { 200: UserDetail } },
      config: { permission: 'user.assign_roles', ...byId },
    },
    (req) => service.setRoles(req.actor!, req.params.id, req.body.roles),
  );

  // Enabling/disabling, activation, password resets and second-factor resets are decided by the policy, not by one
  // route permission: who may act depends on the account (administrator or business) and on its areas (F6).
  app.post(
    '/api/users/:id/status',
    {
      schema: { tags: ['users'], params: IdParams, body: UserStatusInput, response: { 200: UserDetail } },
      config: { permission: 'user.read', ...byId },
    },
    (req) => service.setStatus(req.actor!, req.params.id, req.body.enabled),
  );
}

/** Unlocking, activation, one-time passwords, second-factor resets, ending sessions. */
function credentialRoutes(app: App, service: UserCredentialsService): void {
  app.post(
    '/api/users/:id/unlock',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserDetail } },
      config: { permission: 'user.unlock', ...byId },
    },
    (req) => service.unlock(req.actor!, req.params.id),
  );

  app.post(
    '/api/users/:id/activate',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: OneTimePasswordResult } },
      config: { permission: 'user.read', ...byId },
    },
    (req) => service.activate(req.actor!, req.params.id),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: OneTimePasswordResult } },
      config: { permission: 'user.read', ...byId },
    },
    (req) => service.resetPassword(req.actor!, req.params.id),
  );

  app.post(
    '/api/users/:id/totp-reset',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserDetail } },
      config: { permission: 'user.admin_credentials', ...byId },
    },
    (req) => service.requestTotpReset(req.actor!, req.params.id),
  );

  app.post(
    '/api/users/:id/totp-reset/confirm',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: UserDetail } },
      config: { permission: 'user.confirm_totp_reset', ...byId },
    },
    (req) => service.confirmTotpReset(req.actor!, req.params.id),
  );

  app.delete(
    '/api/users/:id/sessions',
    {
      schema: { tags: ['users'], params: IdParams, response: { 200: Ok } },
      config: { permission: 'user.end_sessions', ...byId },
    },
    async (req) => {
      await service.endSessions(req.actor!, req.params.id);
      return { ok: true as const };
    },
  );
}
