import { asc, eq, gt, inArray } from 'drizzle-orm';
import { auditChainHead, auditLog } from './audit.tables';
import type { AnchorPoint, AuditAnchor } from './audit-anchor';
import { type AuditEvent, chainHash } from './audit-hash';
import type { DbOrTx } from './db';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
  /** The highest row anchored outside the database (ADR 0006), or null without an anchor file or anchors. */
  lastAnchoredSeq: number | null;
}

export interface VerifyOptions {
  /** The anchor file to check the chain against; without it only the database itself is checked. */
  anchor?: AuditAnchor | null;
  batchSize?: number;
}

/**
 * Walks the chain in order and names the first row that was altered, removed or inserted; with an anchor
 * file, also that every anchored row is still there with its anchored hash, so a chain cut back (rows deleted at
 * the end and the head moved back) or rewritten from an anchored row on is found too.
 */
export async function verifyAuditChain(db: DbOrTx, key: Buffer, options: VerifyOptions = {}): Promise<VerifyResult> {
  const walk = await walkChain(db, key, options.batchSize ?? 2000);
  const { checked, expectedSeq, prevHash } = walk;
  const broken = (seq: number | null, reason: string, lastAnchoredSeq: number | null = null): VerifyResult => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    reason,
    lastAnchoredSeq,
  });
  if (walk.broken) return broken(walk.broken.seq, walk.broken.reason);
  const lastSeq = expectedSeq - 1;
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (head && head.lastSeq !== lastSeq) {
    return broken(expectedSeq, `rows ${expectedSeq}…${head.lastSeq} are missing (deleted at the end)`);
  }
  if (head && head.lastHash !== prevHash) return broken(lastSeq, `the chain head does not match row ${lastSeq}`);
  if (!options.anchor) return { ok: true, checked, firstBrokenSeq: null, reason: null, lastAnchoredSeq: null };

  // The chain is sound in itself; now every anchor must still hold: its row there, with its hash. Streamed, in
  // batches of primary-key lookups, so a file of years of anchors needs no more memory than one batch.
  const check = await checkAnchors(db, options.anchor, lastSeq);
  const problem = anchorProblem(check, expectedSeq, lastSeq);
  if (problem) return broken(problem.seq, problem.reason, check.lastAnchoredSeq);
  return { ok: true, checked, firstBrokenSeq: null, reason: null, lastAnchoredSeq: check.lastAnchoredSeq };
}

/** Walks the rows in order, checking each link and hash; stops at the first broken row. */
async function walkChain(db: DbOrTx, key: Buffer, batchSize: number) {
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  const state = (broken: { seq: number; reason: string } | null) => ({ checked, expectedSeq, prevHash, broken });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return state({ seq: expectedSeq, reason: `row ${expectedSeq} is missing (deleted)` });
      if (row.prevHash !== prevHash)
        return state({ seq: row.seq, reason: `row ${row.seq} does not link to the row before it` });
      const { seq, at, prevHash: _p, hash, receivedAt, dbRole, ...event } = row;
      if (chainHash(key, prevHash, seq, at, event as AuditEvent, { receivedAt, dbRole }) !== hash) {
        return state({ seq: row.seq, reason: `row ${row.seq} was altered` });
      }
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batchSize) return state(null);
  }
}

/** What the anchors say against a chain that is sound in itself: rewritten, cut back at the end, or forged lines. */
function anchorProblem(
  check: Awaited<ReturnType<typeof checkAnchors>>,
  expectedSeq: number,
  lastSeq: number,
): { seq: number | null; reason: string } | null {
  const { lastAnchoredSeq } = check;
  // A mismatch lies within the chain, so below any cut: the lowest seq is named first.
  if (check.mismatch !== null) {
    return {
      seq: check.mismatch,
      reason: `row ${check.mismatch} is not the row anchored outside the database (the chain was rewritten)`,
    };
  }
  if (lastAnchoredSeq !== null && lastAnchoredSeq > lastSeq) {
    const missing =
      expectedSeq === lastAnchoredSeq
        ? `row ${expectedSeq} is missing`
        : `rows ${expectedSeq}…${lastAnchoredSeq} are missing`;
    return {
      seq: expectedSeq,
      reason: `${missing}: the chain ends at row ${lastSeq} but row ${lastAnchoredSeq} was anchored outside the database (cut back at the end)`,
    };
  }
  if (check.forged.length) {
    const lines = check.forged.slice(0, 10).join(', ') + (check.forged.length > 10 ? ', …' : '');
    return {
      seq: null,
      reason: `the anchor file has ${check.forged.length} line(s) that are not authentic (line ${lines})`,
    };
  }
  return null;
}

/** Compares every authentic anchor up to `lastSeq` with the chain; the lowest mismatching seq, the highest anchor. */
async function checkAnchors(db: DbOrTx, anchor: AuditAnchor, lastSeq: number) {
  let lastAnchoredSeq: number | null = null;
  let mismatch: number | null = null;
  const forged: number[] = [];
  let batch: AnchorPoint[] = [];
  const compare = async () => {
    if (batch.length === 0) return;
    const seqs = [...new Set(batch.map((p) => p.seq))];
    const rows = await db
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(inArray(auditLog.seq, seqs));
    const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const p of batch) if (hashes.get(p.seq) !== p.hash) mismatch = Math.min(mismatch ?? p.seq, p.seq);
    batch = [];
  };
  for await (const entry of anchor.entries()) {
    if (entry.kind === 'forged') forged.push(entry.line);
    if (entry.kind !== 'anchor') continue;
    lastAnchoredSeq = Math.max(lastAnchoredSeq ?? 0, entry.point.seq);
    if (entry.point.seq > lastSeq) continue; // beyond the chain's end: reported as a cut by the caller
    batch.push(entry.point);
    if (batch.length >= 1000) await compare();
  }
  await compare();
  return { lastAnchoredSeq, mismatch: mismatch as number | null, forged };
}
