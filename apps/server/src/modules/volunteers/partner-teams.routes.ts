import type {} from './volunteers.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import { TeamDetail, TeamList, TeamMemberDecisionInput } from '@linli/contracts/modules/volunteers';
import type { PartnerTeamsService } from './partner-teams.service';

const tags = ['volunteers'];
const params = z.object({ id: Id });
const own = { permission: 'volunteers.organisation' } as const;

/**
 * A partner member's 我们的志愿队伍: its organisation's teams, members (names masked), join requests. Staff get 403;
 * a partner member without an active organisation, or naming another organisation's team, 404.
 */
export function partnerTeamRoutes(service: PartnerTeamsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/partner/volunteer-teams', { schema: { tags, response: { 200: TeamList } }, config: own }, (req) =>
      service.list(req.actor!),
    );
    app.get(
      '/api/partner/volunteer-teams/:id',
      {
        schema: { tags, params, response: { 200: TeamDetail } },
        config: { ...own, personalData: true, idParams: { id: 'volunteer_team' } },
      },
      (req) => service.detail(req.actor!, req.params.id),
    );
    app.post(
      '/api/partner/volunteer-teams/members/:id/decide',
      {
        schema: { tags, params, body: TeamMemberDecisionInput, response: { 200: TeamDetail } },
        config: { ...own, personalData: true, idParams: { id: 'volunteer_membership' } },
      },
      (req) => service.decide(req.actor!, req.params.id, req.body.approve),
    );
  };
}
