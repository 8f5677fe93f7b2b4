import type { DbOrTx } from '../../platform/db';

/**
 * Who the audit log's rows are about, in words: a module that owns people's records registers a lookup from object
 * ids to a display name (already masked as the auditor may see it). The audit module knows no domain table.
 */
export type SubjectNames = (db: DbOrTx, ids: string[]) => Promise<Map<string, string>>;

const lookups: SubjectNames[] = [];

export function registerAuditSubjectNames(lookup: SubjectNames): void {
  if (!lookups.includes(lookup)) lookups.push(lookup);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The display name of every id some registered module knows (ids that are not UUIDs are skipped). */
export async function subjectNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  const names = new Map<string, string>();
  if (wanted.length === 0) return names;
  for (const lookup of lookups) for (const [id, name] of await lookup(db, wanted)) names.set(id, name);
  return names;
}
