// Public surface of the residents module (issue 10, part 3): the mobile entry /m for residents (accounts by SMS code,
// 适老化 preference, link to a care client record) and the community notice board. Other modules import only here.
import type { LinliModule } from '../../platform/module';
import { LoginService, MeService } from '../auth';
import { registerAreaOwned } from '../org';
import { ResidentAccountService } from './account.service';
import { LinkRequestsService } from './links.service';
import { NoticesService } from './notices.service';
import { OtpService } from './otp.service';
import { mobileRoutes } from './residents.routes';
import { ResidentSelfService } from './self.service';
import { staffRoutes } from './staff.routes';

// Area merges re-code this module's rows too.
for (const table of ['resident_profiles', 'resident_link_requests', 'notices'])
  registerAreaOwned({ table, column: 'area_code' });

export { seedResidentsDemo } from './residents-demo';

/** Loaded by the server and the CLI because 'residents' is listed in packages/contracts/src/modules.ts. */
export const module: LinliModule = {
  name: 'residents',
  register: async (app, ctx) => {
    const otp = new OtpService(ctx);
    const accounts = new ResidentAccountService(ctx, otp, new LoginService(ctx));
    await app.register(
      mobileRoutes(ctx, { otp, accounts, self: new ResidentSelfService(ctx), me: new MeService(ctx) }),
    );
    await app.register(staffRoutes(new LinkRequestsService(ctx), new NoticesService(ctx)));
  },
};
