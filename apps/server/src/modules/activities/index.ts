// Public surface of the activities module (志愿活动): other modules import only from here.
import type { LinliModule } from '../../platform/module';
import { registerAreaOwned } from '../org';
import { ActivitiesService } from './activities.service';
import { ParticipationService } from './participation.service';
import { RosterService } from './roster.service';
import { activitiesRoutes, leaderRoutes, volunteerRoutes } from './activities.routes';

// Area merges re-code this module's rows too.
for (const table of ['activities', 'activity_roles', 'activity_participations'])
  registerAreaOwned({ table, column: 'area_code' });

export { ActivitiesService } from './activities.service';
export { ParticipationService } from './participation.service';
export { RosterService } from './roster.service';

/** Loaded by the server and the CLI because 'activities' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'activities',
  register: async (app, ctx) => {
    const organiser = new ActivitiesService(ctx);
    const roster = new RosterService(ctx, organiser);
    await app.register(activitiesRoutes(organiser, roster));
    await app.register(leaderRoutes(organiser, roster));
    await app.register(volunteerRoutes(new ParticipationService(ctx)));
  },
};
export { seedActivitiesDemo } from './activities-demo';
