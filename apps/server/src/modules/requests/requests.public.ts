import type { PublicRequestView } from '@linli/contracts/modules/requests';
import type { DbOrTx } from '../../platform/db';
import { ViewLookups } from './request-view';
import type { RequestRow } from './requests.repository';

/**
 * What anyone may see of a request (Open311 GET, public pages): category, status, community, the moderated text,
 * dates and the unit's label. Never the requester's name, phone, words, answers, place or point.
 */
export async function publicRequestView(db: DbOrTx, row: RequestRow): Promise<PublicRequestView> {
  return (await publicRequestViews(db, [row]))[0]!;
}

/** The public views of a page of requests, with one lookup of their categories and communities. */
export async function publicRequestViews(db: DbOrTx, rows: readonly RequestRow[]): Promise<PublicRequestView[]> {
  const lookups = await new ViewLookups(db).load([...rows]);
  return rows.map((row) => publicView(row, lookups));
}

function publicView(row: RequestRow, lookups: ViewLookups): PublicRequestView {
  const category = lookups.category(row);
  return {
    id: row.id,
    number: row.number,
    categoryCode: category.code,
    categoryName: category.name,
    status: row.status,
    communityCode: row.areaCode,
    communityName: lookups.community(row.areaCode),
    publicText: row.publicText,
    unitLabel: row.unitLabel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}
