import type { DbOrTx } from '../../platform/db';

/**
 * Names of account owners kept by other modules: a module that owns accounts of a kind (the supermarket module its
 * supermarkets') registers how to name them, so the points module shows a name without importing that module (it
 * imports the points module already).
 */
export type OwnerLabeler = (db: DbOrTx, ownerIds: readonly string[]) => Promise<Map<string, string>>;

const labelers = new Map<'supermarket', OwnerLabeler>();

export function registerOwnerLabeler(kind: 'supermarket', labeler: OwnerLabeler): void {
  labelers.set(kind, labeler);
}

/** Owner id → name for the accounts of `kind` (empty when no module names them). */
export async function ownerLabels(db: DbOrTx, kind: 'supermarket', ownerIds: readonly string[]) {
  const labeler = labelers.get(kind);
  return labeler && ownerIds.length ? labeler(db, ownerIds) : new Map<string, string>();
}
