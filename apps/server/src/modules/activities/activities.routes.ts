import type {} from './activities.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  Activity,
  ActivityCancelInput,
  ActivityCreated,
  ActivityInput,
  ActivityList,
  ActivityListQuery,
  ActivityUpdateInput,
  AttendanceInput,
  CheckinCode,
  CheckinInput,
  CheckinResult,
  ConfirmInput,
  ConfirmResult,
  LeadOverview,
  MineQuery,
  OpenActivity,
  OpenActivityList,
  Roster,
  SignupInput,
} from '@linli/contracts/modules/activities';
import { PageQuery } from '@linli/contracts';
import type { ActivitiesService } from './activities.service';
import type { ParticipationService } from './participation.service';
import type { RosterService } from './roster.service';

const tags = ['activities'];
const params = z.object({ id: Id });
const activity = { idParams: { id: 'activity' } } as const;

/**
 * The organiser's routes. Staff use /api/activities (permission activities.write in their jurisdiction); a team
 * leader uses the same use cases under /api/m/activities/lead (permission activities.join, and the lead of the
 * activity's team).
 */
function organiserRoutes(
  service: ActivitiesService,
  roster: RosterService,
  base: string,
  write: 'activities.write' | 'activities.join',
) {
  const organise = { permission: write, ...activity } as const;
  const plugin: FastifyPluginAsyncZod = async (app) => {
    app.post(
      base,
      {
        schema: { tags, body: ActivityInput, response: { 200: ActivityCreated } },
        config: { permission: write },
      },
      (req) => service.create(req.actor!, req.body),
    );
    app.patch(
      `${base}/:id`,
      { schema: { tags, params, body: ActivityUpdateInput, response: { 200: Activity } }, config: organise },
      (req) => service.update(req.actor!, req.params.id, req.body),
    );
    app.post(
      `${base}/:id/publish`,
      { schema: { tags, params, response: { 200: Activity } }, config: organise },
      (req) => service.publish(req.actor!, req.params.id),
    );
    app.post(
      `${base}/:id/cancel`,
      { schema: { tags, params, body: ActivityCancelInput, response: { 200: Activity } }, config: organise },
      (req) => service.cancel(req.actor!, req.params.id, req.body.reason),
    );
    app.post(
      `${base}/participations/:id/attendance`,
      {
        schema: { tags, params, body: AttendanceInput, response: { 200: Roster } },
        config: { permission: write, personalData: true, idParams: { id: 'activity_participation' } },
      },
      (req) => roster.attendance(req.actor!, req.params.id, req.body),
    );
    app.post(
      `${base}/:id/confirm`,
      { schema: { tags, params, body: ConfirmInput, response: { 200: ConfirmResult } }, config: organise },
      (req) => roster.confirm(req.actor!, req.params.id, req.body.participationIds),
    );
    app.get(
      `${base}/:id/checkin-code`,
      { schema: { tags, params, response: { 200: CheckinCode } }, config: organise },
      (req) => roster.checkinCode(req.actor!, req.params.id),
    );
  };
  return plugin;
}

export function activitiesRoutes(service: ActivitiesService, roster: RosterService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/activities',
      {
        schema: { tags, querystring: ActivityListQuery, response: { 200: ActivityList } },
        config: { permission: 'activities.read' },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.get(
      '/api/activities/:id',
      {
        schema: { tags, params, response: { 200: Activity } },
        config: { permission: 'activities.read', ...activity },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.get(
      '/api/activities/:id/roster',
      {
        schema: { tags, params, response: { 200: Roster } },
        config: { permission: 'activities.read', personalData: true, ...activity },
      },
      (req) => roster.roster(req.actor!, req.params.id),
    );
    await app.register(organiserRoutes(service, roster, '/api/activities', 'activities.write'));
  };
}

/** A team leader's routes on /m: their teams' activities, and the organiser's use cases for them. */
export function leaderRoutes(service: ActivitiesService, roster: RosterService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/m/activities/lead',
      { schema: { tags, response: { 200: LeadOverview } }, config: { permission: 'activities.join' } },
      (req) => service.leadOverview(req.actor!),
    );
    app.get(
      '/api/m/activities/lead/:id/roster',
      {
        schema: { tags, params, response: { 200: Roster } },
        config: { permission: 'activities.join', personalData: true, ...activity },
      },
      (req) => roster.roster(req.actor!, req.params.id),
    );
    await app.register(organiserRoutes(service, roster, '/api/m/activities/lead', 'activities.join'));
  };
}

/** The volunteer's routes on /m. */
export function volunteerRoutes(service: ParticipationService): FastifyPluginAsyncZod {
  return async (app) => {
    const join = { permission: 'activities.join', ...activity } as const;
    app.get(
      '/api/m/activities',
      {
        schema: { tags, querystring: PageQuery, response: { 200: OpenActivityList } },
        config: { permission: 'activities.join' },
      },
      (req) => service.open(req.actor!, req.query),
    );
    app.get(
      '/api/m/activities/mine',
      {
        schema: { tags, querystring: MineQuery, response: { 200: OpenActivityList } },
        // The volunteer's own sign-ups (as the other /m "mine" lists): audited by the service when there are any.
        config: { permission: 'activities.join' },
      },
      (req) => service.mine(req.actor!, req.query),
    );
    app.post(
      '/api/m/activities/check-in',
      {
        schema: { tags, body: CheckinInput, response: { 200: CheckinResult } },
        config: { permission: 'activities.join' },
      },
      (req) => service.checkin(req.actor!, req.body.code),
    );
    app.get(
      '/api/m/activities/:id',
      { schema: { tags, params, response: { 200: OpenActivity } }, config: join },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/activities/:id/signup',
      { schema: { tags, params, body: SignupInput, response: { 200: OpenActivity } }, config: join },
      (req) => service.signup(req.actor!, req.params.id, req.body.roleId),
    );
    app.post(
      '/api/m/activities/:id/cancel',
      { schema: { tags, params, response: { 200: OpenActivity } }, config: join },
      (req) => service.cancel(req.actor!, req.params.id),
    );
  };
}
