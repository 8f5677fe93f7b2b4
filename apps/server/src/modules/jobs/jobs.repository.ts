import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { jobRuns, jobSchedules } from '../../platform/jobs.tables';

export type JobScheduleRow = typeof jobSchedules.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;

/** Every recurring job's row (the runner's table, platform/jobs.tables.ts), by name. */
export function listJobSchedules(db: DbOrTx): Promise<JobScheduleRow[]> {
  return db.select().from(jobSchedules).orderBy(jobSchedules.name);
}

/** The newest failed runs, newest first. */
export function recentFailedRuns(db: DbOrTx, limit: number): Promise<JobRunRow[]> {
  return db.select().from(jobRuns).where(eq(jobRuns.ok, false)).orderBy(desc(jobRuns.id)).limit(limit);
}
