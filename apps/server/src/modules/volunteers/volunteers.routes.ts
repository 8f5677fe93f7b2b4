import type {} from './volunteers.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  CorrectionAnswerInput,
  CorrectionInput,
  CorrectionList,
  CounterCode,
  MyVolunteer,
  OpenTeamList,
  RecordEntryInput,
  TeamDetail,
  TeamInput,
  TeamList,
  TeamListQuery,
  TeamMemberAddInput,
  TeamMemberDecisionInput,
  TeamMemberRoleInput,
  TeamUpdateInput,
  VolunteerDecisionInput,
  VolunteerList,
  VolunteerListQuery,
  VolunteerRecord,
  VolunteerRegistrationInput,
  VolunteerStatusInput,
} from '@linli/contracts/modules/volunteers';
import type { TeamsService } from './teams.service';
import type { VolunteerSelfService } from './volunteer-self.service';
import type { VolunteersService } from './volunteers.service';

const tags = ['volunteers'];
const params = z.object({ id: Id });
const volunteer = { idParams: { id: 'volunteer' } } as const;
const team = { idParams: { id: 'volunteer_team' } } as const;
const member = { idParams: { id: 'volunteer_membership' } } as const;

/** Staff's routes: volunteers of the jurisdiction, confirmation, the record, corrections. */
export function volunteersRoutes(service: VolunteersService): FastifyPluginAsyncZod {
  return async (app) => {
    const write = { permission: 'volunteers.write', personalData: true, ...volunteer } as const;
    app.get(
      '/api/volunteers',
      {
        schema: { tags, querystring: VolunteerListQuery, response: { 200: VolunteerList } },
        config: { permission: 'volunteers.read', personalData: true },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.get(
      '/api/volunteers/corrections',
      {
        schema: { tags, response: { 200: CorrectionList } },
        config: { permission: 'volunteers.read', personalData: true },
      },
      (req) => service.corrections(req.actor!),
    );
    app.post(
      '/api/volunteers/corrections/:id/answer',
      {
        schema: { tags, params, body: CorrectionAnswerInput, response: { 200: VolunteerRecord } },
        config: { permission: 'volunteers.write', personalData: true, idParams: { id: 'volunteer_correction' } },
      },
      (req) => service.answerCorrection(req.actor!, req.params.id, req.body),
    );
    app.get(
      '/api/volunteers/:id',
      {
        schema: { tags, params, response: { 200: VolunteerRecord } },
        config: { permission: 'volunteers.read', personalData: true, ...volunteer },
      },
      (req) => service.record(req.actor!, req.params.id),
    );
    app.post(
      '/api/volunteers/:id/confirm',
      { schema: { tags, params, response: { 200: VolunteerRecord } }, config: write },
      (req) => service.confirm(req.actor!, req.params.id),
    );
    app.post(
      '/api/volunteers/:id/reject',
      { schema: { tags, params, body: VolunteerDecisionInput, response: { 200: VolunteerRecord } }, config: write },
      (req) => service.reject(req.actor!, req.params.id, req.body.reason),
    );
    app.post(
      '/api/volunteers/:id/status',
      { schema: { tags, params, body: VolunteerStatusInput, response: { 200: VolunteerRecord } }, config: write },
      (req) => service.setStatus(req.actor!, req.params.id, req.body.status, req.body.reason),
    );
    app.post(
      '/api/volunteers/:id/records',
      { schema: { tags, params, body: RecordEntryInput, response: { 200: VolunteerRecord } }, config: write },
      (req) => service.addRecord(req.actor!, req.params.id, req.body),
    );
  };
}

/** Staff's teams. */
export function teamRoutes(service: TeamsService): FastifyPluginAsyncZod {
  return async (app) => {
    const write = { permission: 'volunteers.write', personalData: true } as const;
    app.get(
      '/api/volunteer-teams',
      {
        schema: { tags, querystring: TeamListQuery, response: { 200: TeamList } },
        config: { permission: 'volunteers.read' },
      },
      (req) => service.list(req.actor!, req.query),
    );
    app.post(
      '/api/volunteer-teams',
      { schema: { tags, body: TeamInput, response: { 200: TeamDetail } }, config: write },
      (req) => service.create(req.actor!, req.body),
    );
    app.get(
      '/api/volunteer-teams/:id',
      {
        schema: { tags, params, response: { 200: TeamDetail } },
        config: { permission: 'volunteers.read', personalData: true, ...team },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.put(
      '/api/volunteer-teams/:id',
      { schema: { tags, params, body: TeamUpdateInput, response: { 200: TeamDetail } }, config: { ...write, ...team } },
      (req) => service.update(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/volunteer-teams/:id/members',
      {
        schema: { tags, params, body: TeamMemberAddInput, response: { 200: TeamDetail } },
        config: { ...write, ...team },
      },
      (req) => service.addMember(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/volunteer-teams/members/:id/decide',
      {
        schema: { tags, params, body: TeamMemberDecisionInput, response: { 200: TeamDetail } },
        config: { ...write, ...member },
      },
      (req) => service.decide(req.actor!, req.params.id, req.body.approve),
    );
    app.post(
      '/api/volunteer-teams/members/:id/role',
      {
        schema: { tags, params, body: TeamMemberRoleInput, response: { 200: TeamDetail } },
        config: { ...write, ...member },
      },
      (req) => service.setRole(req.actor!, req.params.id, req.body.role),
    );
    app.post(
      '/api/volunteer-teams/members/:id/end',
      { schema: { tags, params, response: { 200: TeamDetail } }, config: { ...write, ...member } },
      (req) => service.endMembership(req.actor!, req.params.id),
    );
  };
}

/** A resident's own routes on /m. */
export function volunteerSelfRoutes(service: VolunteerSelfService): FastifyPluginAsyncZod {
  return async (app) => {
    const self = { permission: 'volunteers.self' } as const;
    app.get('/api/m/volunteer', { schema: { tags, response: { 200: MyVolunteer } }, config: self }, (req) =>
      service.me(req.actor!),
    );
    app.post(
      '/api/m/volunteer',
      {
        schema: { tags, body: VolunteerRegistrationInput, response: { 200: MyVolunteer } },
        config: self,
      },
      (req) => service.register(req.actor!, req.body),
    );
    app.get(
      '/api/m/volunteer/counter-code',
      { schema: { tags, response: { 200: CounterCode } }, config: self },
      (req) => service.counterCode(req.actor!),
    );
    app.get('/api/m/volunteer/teams', { schema: { tags, response: { 200: OpenTeamList } }, config: self }, (req) =>
      service.openTeams(req.actor!),
    );
    app.post(
      '/api/m/volunteer/teams/:id/join',
      { schema: { tags, params, response: { 200: MyVolunteer } }, config: { ...self, ...team } },
      (req) => service.join(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/volunteer/memberships/:id/leave',
      {
        schema: { tags, params, response: { 200: MyVolunteer } },
        config: { ...self, idParams: { id: 'volunteer_membership' } },
      },
      (req) => service.leave(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/volunteer/corrections',
      {
        schema: { tags, body: CorrectionInput, response: { 200: MyVolunteer } },
        config: self,
      },
      (req) => service.requestCorrection(req.actor!, req.body),
    );
    app.get(
      '/api/m/volunteer/led-teams/:id',
      { schema: { tags, params, response: { 200: TeamDetail } }, config: { ...self, ...team } },
      (req) => service.ledTeamDetail(req.actor!, req.params.id),
    );
    app.post(
      '/api/m/volunteer/memberships/:id/decide',
      {
        schema: { tags, params, body: TeamMemberDecisionInput, response: { 200: TeamDetail } },
        config: { ...self, ...member },
      },
      (req) => service.leaderDecide(req.actor!, req.params.id, req.body.approve),
    );
  };
}
