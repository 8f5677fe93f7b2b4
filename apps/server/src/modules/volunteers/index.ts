// Public surface of the volunteers module: other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { partnerTeamRoutes } from './partner-teams.routes';
import { PartnerTeamsService } from './partner-teams.service';
import { TeamsService } from './teams.service';
import { VolunteerSelfService } from './volunteer-self.service';
import { VolunteersService } from './volunteers.service';
import { teamRoutes, volunteerSelfRoutes, volunteersRoutes } from './volunteers.routes';

// Area merges re-code this module's rows too.
for (const table of [
  'volunteers',
  'volunteer_teams',
  'volunteer_team_members',
  'volunteer_record_entries',
  'volunteer_corrections',
])
  registerAreaOwned({ table, column: 'area_code' });

export { VolunteersService } from './volunteers.service';

/** Loaded by the server and the CLI because 'volunteers' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'volunteers',
  register: async (app, ctx) => {
    await app.register(volunteersRoutes(new VolunteersService(ctx)));
    await app.register(teamRoutes(new TeamsService(ctx)));
    await app.register(volunteerSelfRoutes(new VolunteerSelfService(ctx)));
    await app.register(partnerTeamRoutes(new PartnerTeamsService(ctx)));
  },
};

export * from './volunteer-refs';
export { seedVolunteersDemo } from './volunteers-demo';
