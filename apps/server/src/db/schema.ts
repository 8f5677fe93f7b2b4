// Drizzle's view of the database: every module's tables. The SQL in db/migrations is the source of truth
// for DDL; tests run every query against both engines to keep the two in step.
export * from '../modules/org/areas.tables';
export * from '../modules/users/users.tables';
export * from '../modules/auth/auth.tables';
export * from '../modules/audit/audit.tables';
export * from '../modules/care/care.tables';
export * from '../modules/care/cases.tables';
