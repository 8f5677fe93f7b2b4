import { randomUUID } from 'node:crypto';
import type { Notice, NoticeInput, NoticeList } from '@linli/contracts/modules/residents';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findActiveCommunity, residentIdsIn } from './residents.repository';
import { type NoticeRow, findNotice, insertNotice, listNotices, updateNotice } from './notices.repository';

type Action = Notice['allowedActions'][number];

/** Staff of a community may manage its notices; the buttons follow the notice's state. */
export function allowedNoticeActions(actor: Actor, row: Pick<NoticeRow, 'areaCode' | 'status'>): Action[] {
  if (!hasPermission(actor, 'notice.manage') || !codeInPrefixes(row.areaCode, actor.scopePrefixes)) return [];
  return ['update', row.status === 'published' ? 'unpublish' : 'publish'];
}

/** The community notice board (公告): staff write, publish and unpublish; residents read (ResidentSelfService). */
export class NoticesService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: NoticeRow): Notice {
    return {
      id: row.id,
      areaCode: row.areaCode,
      areaName: row.areaName ?? row.areaCode,
      title: row.title,
      body: row.body,
      status: row.status,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedNoticeActions(actor, row),
    };
  }

  async list(
    actor: Actor,
    query: { areaCode?: string | undefined; status?: string | undefined; page: number; pageSize: number },
  ): Promise<NoticeList> {
    const { rows, total } = await listNotices(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  private async load(actor: Actor, id: string): Promise<NoticeRow> {
    const row = await findNotice(this.ctx.db, id);
    if (!row || !codeInPrefixes(row.areaCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'notice', [id], 'residents.not_found');
    return row;
  }

  async detail(actor: Actor, id: string): Promise<Notice> {
    return this.toDto(actor, await this.load(actor, id));
  }

  async create(actor: Actor, input: NoticeInput): Promise<Notice> {
    // A community outside the jurisdiction answers like one that does not exist.
    const community = await findActiveCommunity(this.ctx.db, input.areaCode);
    if (!community || !codeInPrefixes(community.code, actor.scopePrefixes)) {
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    }
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await insertNotice(tx, {
        id,
        areaCode: community.code,
        title: input.title,
        body: input.body,
        status: 'draft',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit(tx, actor, 'notice.create', id);
    });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: { title: string; body: string }): Promise<Notice> {
    await this.load(actor, id);
    await this.ctx.db.transaction(async (tx) => {
      await updateNotice(tx, id, { title: input.title, body: input.body, updatedAt: this.ctx.clock.now() });
      await this.audit(tx, actor, 'notice.update', id);
    });
    return this.detail(actor, id);
  }

  /** Publishes (residents of the community see it and are told) or takes it down. */
  async setPublished(actor: Actor, id: string, published: boolean): Promise<Notice> {
    const row = await this.load(actor, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await updateNotice(tx, id, {
        status: published ? 'published' : 'unpublished',
        publishedAt: published ? now : row.publishedAt,
        updatedAt: now,
      });
      await this.audit(tx, actor, published ? 'notice.publish' : 'notice.unpublish', id);
      if (published && row.status !== 'published') {
        const userIds = await residentIdsIn(tx, row.areaCode);
        if (userIds.length) {
          await this.ctx.notifier.notify(tx, {
            userIds,
            event: 'notice.published',
            objectType: 'notice',
            objectId: id,
            link: `/m/notices/${id}`,
            areaCode: row.areaCode,
          });
        }
      }
    });
    return this.detail(actor, id);
  }

  private audit(tx: DbOrTx, actor: Actor, action: string, id: string) {
    return auditInTx(this.ctx, tx, actor, { action, objectType: 'notice', objectIds: [id], fields: ['title', 'body'] });
  }
}
