import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Actor } from '../access';
import { type AppContext, auditInTx } from '../context';
import type { DbOrTx } from '../db';
import { AppError } from '../errors';
import { preparePhoto } from './photo';
import { mediaUploads } from './uploads.tables';

/** What a module copies into its own photo table when it claims an upload. */
export interface ClaimedPhoto {
  uploadId: string;
  storageKey: string;
  contentType: string;
  width: number;
  height: number;
}

/** Unclaimed uploads older than this are deleted by the `media.prune_uploads` job. */
export const UNCLAIMED_UPLOAD_TTL_MS = 24 * 3600_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Processes and stores one uploaded photo for the actor (platform/media/photo.ts strips its metadata), then records
 * it as an unclaimed upload in the actor's home area. The key is random and the server's own: nothing of the
 * client's file name reaches the store.
 */
export async function storeUpload(
  ctx: AppContext,
  actor: Actor,
  areaCode: string,
  input: Buffer,
): Promise<{ id: string; width: number; height: number }> {
  const photo = await preparePhoto(input);
  const id = randomUUID();
  const now = ctx.clock.now();
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const storageKey = `photos/${month}/${id}.jpg`;
  await ctx.media.put(storageKey, photo.data, photo.contentType);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(mediaUploads).values({
        id,
        areaCode,
        ownerUserId: actor.userId,
        storageKey,
        contentType: photo.contentType,
        bytes: photo.data.length,
        width: photo.width,
        height: photo.height,
        sha256: photo.sha256,
        createdAt: now,
      });
      await auditInTx(ctx, tx, actor, {
        action: 'media.upload',
        objectType: 'media_upload',
        objectIds: [id],
        detail: `${photo.width}x${photo.height} ${photo.data.length} bytes`,
      });
    });
  } catch (error) {
    await ctx.media.delete(storageKey).catch(() => undefined); // no orphan object for a row that never was
    throw error;
  }
  return { id, width: photo.width, height: photo.height };
}

/**
 * Marks the actor's own unclaimed uploads as claimed, inside the caller's transaction (so a failed save leaves them
 * claimable again), and returns what the caller's photo table needs. Any id that is not the actor's own unclaimed
 * upload — someone else's, claimed before, pruned, repeated in the list, not an id at all — fails the whole claim
 * with `media.photo_not_found`; more than `max` fails with `media.photo_too_many`.
 */
export async function claimPhotos(tx: DbOrTx, actor: Actor, ids: string[], max = 6): Promise<ClaimedPhoto[]> {
  if (ids.length === 0) return [];
  if (ids.length > max) throw new AppError('media.photo_too_many');
  if (new Set(ids).size !== ids.length || ids.some((id) => !UUID.test(id))) throw new AppError('media.photo_not_found');
  // One conditional UPDATE: of two transactions claiming the same upload, the second finds claimed_at set.
  const rows = await tx
    .update(mediaUploads)
    .set({ claimedAt: new Date() })
    .where(
      and(inArray(mediaUploads.id, ids), eq(mediaUploads.ownerUserId, actor.userId), isNull(mediaUploads.claimedAt)),
    )
    .returning();
  if (rows.length !== ids.length) throw new AppError('media.photo_not_found');
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return { uploadId: r.id, storageKey: r.storageKey, contentType: r.contentType, width: r.width, height: r.height };
  });
}

/**
 * Deletes uploads nobody claimed within 24 hours: the rows first, in one conditional DELETE (an upload claimed in
 * the meantime keeps its row and its object), then their objects. An object whose delete fails stays behind as an
 * orphan no row names — never a claimed photo whose bytes are gone.
 */
export async function pruneUploads(
  ctx: Pick<AppContext, 'db' | 'clock' | 'media' | 'log'>,
  batch = 200,
): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - UNCLAIMED_UPLOAD_TTL_MS);
  const due = ctx.db
    .select({ id: mediaUploads.id })
    .from(mediaUploads)
    .where(and(isNull(mediaUploads.claimedAt), lt(mediaUploads.createdAt, cutoff)))
    .limit(batch);
  const rows = await ctx.db
    .delete(mediaUploads)
    .where(and(inArray(mediaUploads.id, due), isNull(mediaUploads.claimedAt)))
    .returning({ storageKey: mediaUploads.storageKey });
  for (const row of rows) {
    await ctx.media.delete(row.storageKey).catch((error: unknown) => {
      ctx.log.warn({ err: error, key: row.storageKey }, 'could not delete a pruned upload');
    });
  }
  return rows.length;
}
