// Public surface of the care module: other modules import only from here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerAuditSubjectNames } from '../audit';
import { registerAreaOwned } from '../org';
import { maskedClientNames } from './clients/client-names.repository';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { findUserById } from '../users';
import { findClient } from './clients/clients.repository';
import { clientVisitsPlanned } from './visits/visits.repository';
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
import { ProviderReferralsService } from './referrals/provider-referrals.service';
import { ReferralsService } from './referrals/referrals.service';
import { referralRoutes } from './referrals/referrals.routes';
import { SupervisionService } from './supervision/supervision.service';
import { caseloadRoutes, supervisionRoutes } from './supervision/supervision.routes';
import { foldRollups } from './supervision/supervision.repository';
import { DAILY_OVERDUE_CHECK, runDailyOverdueCheck } from './supervision/daily-check';
import { ESCALATION_NOTICES, runEscalationNotices } from './supervision/escalation-notice';
import { TiersService } from './tiers/tiers.service';
import { tierRoutes } from './tiers/tiers.routes';
import { VisitsService } from './visits/visits.service';
import { visitRoutes } from './visits/visits.routes';

for (const table of ['consents', 'cases', 'referrals', 'assessments', 'tier_changes'])
  registerAreaOwned({ table, column: 'area_code' });
// Their parents' community (migration 0033).
for (const table of ['visit_events', 'client_events', 'client_merges', 'case_goals', 'case_tasks', 'case_events'])
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
export { ProviderReferralsService } from './referrals/provider-referrals.service';
export { seedOrganisationReferral } from './referrals/referral-demo';

/**
 * The referral inbox of the partner register's organisations (partners module): their view of the referrals
 * addressed to them and their answers, through the same referral workflow staff use.
 */
export function createProviderReferrals(ctx: AppContext): ProviderReferralsService {
  return new ProviderReferralsService(ctx, new ReferralsService(ctx, new ClientsService(ctx)));
}
export { reportInLanguage } from './ledger/ledger.service';

/** For the residents module (issue 10): a client the actor may see — its id and community — or 404 (audited). */
export async function visibleClientRef(ctx: AppContext, actor: Actor, id: string) {
  const row = await new ClientsService(ctx).loadVisible(actor, id);
  return { id: row.id, areaCode: row.areaCode };
}

/** What a linked resident sees of their own record: the next planned visit's window and their worker's name only. */
export async function residentCareView(db: DbOrTx, clientId: string) {
  const client = await findClient(db, clientId);
  if (!client) return null;
  const [next] = await clientVisitsPlanned(db, client);
  const worker = client.assigneeId ? await findUserById(db, client.assigneeId) : null;
  return {
    nextVisit: next ? { windowStart: next.windowStart, dueDate: next.dueDate, windowEnd: next.windowEnd } : null,
    workerName: worker?.displayName ?? null,
  };
}

/**
 * The care module's background work on the job runner (ADR 0007): folding the dashboard rollups' deltas into their
 * base tables every few seconds (so readers sum few delta rows), and the daily overdue check.
 */
export function registerCareJobs(ctx: AppContext): void {
  ctx.jobs.every({ name: 'care.rollups.fold', everyMs: 5000, run: async () => Math.max(0, await foldRollups(ctx.db)) });
  ctx.jobs.every({ name: DAILY_OVERDUE_CHECK, everyMs: 3_600_000, run: () => runDailyOverdueCheck(ctx) });
  ctx.jobs.every({ name: ESCALATION_NOTICES, everyMs: 3_600_000, run: () => runEscalationNotices(ctx) });
}

/** The care module as the server and the CLI see it (src/modules.ts). */
export const careModule: LinliModule = {
  name: 'care',
  setup: (ctx) => {
    CasesService.register(ctx);
    registerCareJobs(ctx);
  },
  register: async (app, ctx) => {
    for (const plugin of createCareModule(ctx).plugins) await app.register(plugin);
  },
};
