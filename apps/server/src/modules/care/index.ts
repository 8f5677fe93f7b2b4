// Public surface of the care module: other modules import only from here.
import { registerAreaOwned } from '../org';
import type { AppContext } from '../../platform/context';
import { careRoutes } from './care.routes';
import { LedgerService } from './ledger.service';
import { ledgerRoutes } from './ledger.routes';
import { CaseloadService } from './caseload.service';
import { caseloadRoutes } from './caseload.routes';
import { PoliciesService } from './policies.service';
import { HouseholdsService } from './households.service';
import { MergesService } from './merges.service';
import { CasesService } from './cases.service';
import { casesRoutes } from './cases.routes';
import { ConsentsService } from './consents.service';
import { ReferralsService } from './referrals.service';
import { ExportsService } from './exports.service';
import { ClientsService } from './clients.service';
import { TiersService } from './tiers.service';
import { VisitsService } from './visits.service';
import { foldRollups } from './visits.repository';

for (const table of ['consents', 'cases', 'referrals', 'assessments', 'tier_changes']) registerAreaOwned({ table, column: 'area_code' });
for (const table of ['clients', 'households', 'visits']) {
  registerAreaOwned({ table, column: 'area_code' });
  registerAreaOwned({ table, column: 'grid_code' });
}

export function createCareModule(ctx: AppContext) {
  const clients = new ClientsService(ctx);
  const tiers = new TiersService(ctx, clients);
  const visits = new VisitsService(ctx);
  const ledger = new LedgerService(ctx, clients);
  const routes = careRoutes(clients, tiers, visits);
  const caseload = new CaseloadService(ctx, clients);
  const policies = new PoliciesService(ctx);
  const cases = casesRoutes(new ConsentsService(ctx, clients), new CasesService(ctx, clients), new ReferralsService(ctx, clients));
  return { clients, tiers, visits, ledger, plugins: [routes, ledgerRoutes(ledger, new ExportsService(ctx, ledger)), caseloadRoutes(caseload, policies, new HouseholdsService(ctx), new MergesService(ctx, clients)), cases] };
}
export { ClientsService, LedgerService, TiersService, VisitsService };

/**
 * Folds the dashboard rollups' deltas into their base tables every few seconds, so readers sum few delta rows.
 * Returns the stop function (the app calls it on close).
 */
export function startRollupFolding(ctx: AppContext, everyMs = 5000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = foldRollups(ctx.db).catch((error: unknown) => ctx.log.error({ err: error }, 'rollup fold failed')).finally(() => { running = null; });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
