// Public surface of the care module: other modules import only from here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerAuditSubjectNames } from '../audit';
import { registerAreaOwned } from '../org';
import { maskedClientNames } from './clients/client-names.repository';
import type { AppContext } from '../../platform/context';
import type { LinliModule } from '../../platform/module';
import { CasesService } from './cases/cases.service';
import { caseRoutes } from './cases/cases.routes';
import { ClientChangesService } from './clients/client-changes.service';
import { ClientEntryService } from './clients/client-entry.service';
import { ClientsService } from './clients/clients.service';
import { clientChangeRoutes, clientRoutes } from './clients/clients.routes';
import { MergesService } from './clients/merges.service';
import { mergeRoutes } from './clients/merges.routes';
import { ConsentsService } from './consents/consents.service';
import { consentRoutes } from './consents/consents.routes';
import { ExportsService } from './exports/exports.service';
import { exportRoutes } from './exports/exports.routes';
import { HomeService } from './home/home.service';
import { homeRoutes } from './home/home.routes';
import { HouseholdsService } from './households/households.service';
import { householdRoutes } from './households/households.routes';
import { LedgerExportService } from './ledger/ledger-export.service';
import { LedgerService } from './ledger/ledger.service';
import { ledgerRoutes } from './ledger/ledger.routes';
import { PoliciesService } from './policies/policies.service';
import { policyRoutes } from './policies/policies.routes';
import { ReferralsService } from './referrals/referrals.service';
import { referralRoutes } from './referrals/referrals.routes';
import { SupervisionService } from './supervision/supervision.service';
import { caseloadRoutes, supervisionRoutes } from './supervision/supervision.routes';
import { foldRollups } from './supervision/supervision.repository';
import { TiersService } from './tiers/tiers.service';
import { tierRoutes } from './tiers/tiers.routes';
import { VisitsService } from './visits/visits.service';
import { visitRoutes } from './visits/visits.routes';

for (const table of ['consents', 'cases', 'referrals', 'assessments', 'tier_changes'])
  registerAreaOwned({ table, column: 'area_code' });
registerAuditSubjectNames(maskedClientNames);
for (const table of ['clients', 'households', 'visits']) {
  registerAreaOwned({ table, column: 'area_code' });
  registerAreaOwned({ table, column: 'grid_code' });
}

/** Route sets registered together in one plugin, in order: one Fastify scope, as one plugin gives. */
function scope(...parts: FastifyPluginAsyncZod[]): FastifyPluginAsyncZod {
  return async (app, options) => {
    for (const part of parts) await part(app, options);
  };
}

export function createCareModule(ctx: AppContext) {
  const clients = new ClientsService(ctx);
  const tiers = new TiersService(ctx, clients);
  const visits = new VisitsService(ctx);
  const ledger = new LedgerService(ctx);
  const ledgerExport = new LedgerExportService(ctx);
  const supervision = new SupervisionService(ctx);
  // Four plugins, as before the split by domain object: the route table (and with it the OpenAPI document and the
  // route tests' walk) keeps its order, and the ledger's .xlsx body parser keeps covering the export routes.
  const plugins = [
    scope(
      clientRoutes(clients, new ClientEntryService(ctx, clients)),
      tierRoutes(tiers),
      visitRoutes(visits),
      supervisionRoutes(supervision),
    ),
    scope(ledgerRoutes(ledger, ledgerExport), exportRoutes(new ExportsService(ctx, ledgerExport))),
    scope(
      clientChangeRoutes(new ClientChangesService(ctx, clients)),
      mergeRoutes(new MergesService(ctx, clients)),
      caseloadRoutes(supervision),
      householdRoutes(new HouseholdsService(ctx)),
      policyRoutes(new PoliciesService(ctx)),
    ),
    scope(
      consentRoutes(new ConsentsService(ctx, clients)),
      caseRoutes(new CasesService(ctx, clients)),
      referralRoutes(new ReferralsService(ctx, clients)),
      homeRoutes(new HomeService(ctx, supervision)),
    ),
  ];
  return { clients, tiers, visits, ledger, plugins };
}
export { ClientsService, LedgerService, TiersService, VisitsService };
export { reportInLanguage } from './ledger/ledger.service';

/**
 * Folds the dashboard rollups' deltas into their base tables every few seconds, so readers sum few delta rows.
 * Returns the stop function (the app calls it on close).
 */
export function startRollupFolding(ctx: AppContext, everyMs = 5000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = foldRollups(ctx.db)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'rollup fold failed'))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** The care module as the server and the CLI see it (src/modules.ts). */
export const careModule: LinliModule = {
  name: 'care',
  setup: (ctx) => CasesService.register(ctx),
  register: async (app, ctx) => {
    for (const plugin of createCareModule(ctx).plugins) await app.register(plugin);
  },
  start: (ctx) => startRollupFolding(ctx),
};
