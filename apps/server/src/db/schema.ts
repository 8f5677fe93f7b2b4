// Drizzle's view of the database: every module's tables. The SQL in db/migrations is the source of truth
// for DDL; tests run every query against both engines to keep the two in step.
export * from '../modules/org/areas.tables';
export * from '../modules/users/users.tables';
export * from '../modules/auth/auth.tables';
export * from '../platform/audit.tables';
export * from '../modules/care/clients/clients.tables';
export * from '../modules/care/households/households.tables';
export * from '../modules/care/policies/policies.tables';
export * from '../modules/care/tiers/tiers.tables';
export * from '../modules/care/visits/visits.tables';
export * from '../modules/care/cases/cases.tables';
export * from '../modules/care/consents/consents.tables';
export * from '../modules/care/referrals/referrals.tables';
export * from '../modules/care/exports/exports.tables';
export * from '../platform/events.tables';
export * from '../platform/idempotency.tables';
