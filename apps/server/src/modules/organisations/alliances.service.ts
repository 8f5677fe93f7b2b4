import { randomUUID } from 'node:crypto';
import type {
  AllianceChairInput,
  AllianceDetail,
  AllianceInput,
  AllianceMemberInput,
  AllianceSummary,
  CommitmentInput,
  CommitmentStatus,
} from '@linli/contracts/modules/organisations';
import { type Actor, codeInPrefixes, hasPermission } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import {
  type AllianceRow,
  chairsOf,
  commitmentsOf,
  findAlliance,
  findCommitment,
  findMember,
  findMemberById,
  insertAlliance,
  insertChair,
  insertCommitment,
  insertMember,
  listAlliances,
  membersOf,
  overlappingChair,
  updateCommitment,
  updateMember,
} from './alliances.repository';
import { findReadableOrganisation } from './organisations.repository';
import { type PactContentType, PactStore } from './pact-store';

const canManage = (actor: Actor, alliance: Pick<AllianceRow, 'areaCode'>) =>
  hasPermission(actor, 'organisations.write') && codeInPrefixes(alliance.areaCode, actor.scopePrefixes);

/** 区域党建联盟 / 社治联盟: members with their pact, the rotating chair by period, commitments. */
export class AlliancesService {
  readonly pacts: PactStore;

  constructor(private readonly ctx: AppContext) {
    this.pacts = new PactStore(ctx.config.dataDir);
  }

  async list(actor: Actor): Promise<{ items: AllianceSummary[] }> {
    const rows = await listAlliances(this.ctx.db, actor.scopePrefixes);
    return { items: rows.map((r) => toSummary(r.alliance, r.memberCount)) };
  }

  private async load(actor: Actor, id: string, manage: boolean, db: DbOrTx = this.ctx.db): Promise<AllianceRow> {
    const row = await findAlliance(db, actor.scopePrefixes, id);
    if (!row || (manage && !canManage(actor, row))) {
      throw deniedNotFound(this.ctx, actor, 'alliance', [id], 'organisations.alliance_not_found');
    }
    return row;
  }

  async detail(actor: Actor, id: string): Promise<AllianceDetail> {
    const row = await this.load(actor, id, false);
    const today = chinaToday(this.ctx.clock.now());
    const [members, chairs, commitments] = await Promise.all([
      membersOf(this.ctx.db, id),
      chairsOf(this.ctx.db, id),
      commitmentsOf(this.ctx.db, id),
    ]);
    auditRead(this.ctx, actor, { action: 'alliance.read', objectType: 'alliance', objectIds: [id] });
    return {
      ...toSummary(row, members.length),
      members: members.map(({ member: m, name }) => ({
        id: m.id,
        organisationId: m.organisationId,
        organisationName: name,
        joinedOn: m.joinedOn,
        pactSignedOn: m.pactSignedOn,
        pact: m.pactSha256 ? { fileName: m.pactFileName ?? 'pact', size: m.pactSize ?? 0, sha256: m.pactSha256 } : null,
      })),
      chairs: chairs.map(({ chair: c, name }) => ({
        id: c.id,
        organisationId: c.organisationId,
        organisationName: name,
        fromOn: c.fromOn,
        toOn: c.toOn,
        current: c.fromOn <= today && today <= c.toOn,
      })),
      commitments: commitments.map(({ commitment: c, name }) => ({
        id: c.id,
        organisationId: c.organisationId,
        organisationName: name,
        text: c.text,
        dueOn: c.dueOn,
        status: c.status,
      })),
      allowedActions: canManage(actor, row) ? ['manage'] : [],
    };
  }

  async create(actor: Actor, input: AllianceInput): Promise<AllianceDetail> {
    const area = await findArea(this.ctx.db, input.areaCode);
    const ok = area && area.status === 'active' && area.level !== 'grid' && canManage(actor, { areaCode: area.code });
    if (!ok)
      throw new AppError('area.not_found', [
        { path: 'areaCode', code: 'area.unknown', params: { code: input.areaCode } },
      ]);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertAlliance(tx, { id, ...input, createdBy: actor.userId, createdAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, { action: 'alliance.create', objectType: 'alliance', objectIds: [id] });
    });
    return this.detail(actor, id);
  }

  /** A member must be a partner the actor reads; a foreign one answers like a missing one. */
  private async member(actor: Actor, tx: DbOrTx, organisationId: string) {
    const org = await findReadableOrganisation(tx, actor.scopePrefixes, organisationId);
    if (!org)
      throw new AppError('common.validation_failed', [{ path: 'organisationId', code: 'organisations.unknown' }]);
    return org;
  }

  async addMember(actor: Actor, id: string, input: AllianceMemberInput): Promise<AllianceDetail> {
    await this.ctx.db.transaction(async (tx) => {
      const alliance = await this.load(actor, id, true, tx);
      await this.member(actor, tx, input.organisationId);
      if (await findMember(tx, id, input.organisationId)) {
        throw new AppError('common.validation_failed', [
          { path: 'organisationId', code: 'organisations.already_member' },
        ]);
      }
      await insertMember(tx, {
        id: randomUUID(),
        allianceId: id,
        organisationId: input.organisationId,
        areaCode: alliance.areaCode,
        joinedOn: input.joinedOn,
        pactSignedOn: input.pactSignedOn ?? null,
        pactFileName: null,
        pactContentType: null,
        pactSize: null,
        pactSha256: null,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'alliance.member_add',
        objectType: 'alliance',
        objectIds: [id, input.organisationId],
      });
    });
    return this.detail(actor, id);
  }

  /** A membership whose alliance the actor reads (or manages); a foreign one answers like a missing one. */
  private async membership(actor: Actor, memberId: string, manage: boolean) {
    const member = await findMemberById(this.ctx.db, memberId);
    const alliance = member ? await findAlliance(this.ctx.db, actor.scopePrefixes, member.allianceId) : null;
    if (!member || !alliance || (manage && !canManage(actor, alliance))) {
      throw deniedNotFound(this.ctx, actor, 'alliance', [memberId], 'organisations.alliance_not_found');
    }
    return member;
  }

  async uploadPact(
    actor: Actor,
    memberId: string,
    file: { body: Buffer; type: PactContentType; name: string; signedOn?: string | undefined },
  ): Promise<AllianceDetail> {
    const member = await this.membership(actor, memberId, true);
    const sha256 = await this.pacts.put(file.body);
    await this.ctx.db.transaction(async (tx) => {
      await updateMember(tx, member.allianceId, member.organisationId, {
        pactFileName: file.name,
        pactContentType: file.type,
        pactSize: file.body.length,
        pactSha256: sha256,
        ...(file.signedOn ? { pactSignedOn: file.signedOn } : {}),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'alliance.pact_upload',
        objectType: 'alliance',
        objectIds: [member.allianceId, member.organisationId],
        detail: sha256,
      });
    });
    return this.detail(actor, member.allianceId);
  }

  async pact(actor: Actor, memberId: string) {
    const member = await this.membership(actor, memberId, false);
    const body = member.pactSha256 ? await this.pacts.get(member.pactSha256) : null;
    if (!body) throw new AppError('organisations.pact_missing');
    auditRead(this.ctx, actor, {
      action: 'alliance.pact_download',
      objectType: 'alliance',
      objectIds: [member.allianceId, member.organisationId],
    });
    return { body, type: member.pactContentType ?? 'application/octet-stream', name: member.pactFileName ?? 'pact' };
  }

  async addChair(actor: Actor, id: string, input: AllianceChairInput): Promise<AllianceDetail> {
    await this.ctx.db.transaction(async (tx) => {
      const alliance = await this.load(actor, id, true, tx);
      if (!(await findMember(tx, id, input.organisationId))) {
        throw new AppError('common.validation_failed', [{ path: 'organisationId', code: 'organisations.not_member' }]);
      }
      if (await overlappingChair(tx, id, input.fromOn, input.toOn)) {
        throw new AppError('common.validation_failed', [{ path: 'fromOn', code: 'organisations.chair_overlap' }]);
      }
      await insertChair(tx, { id: randomUUID(), allianceId: id, areaCode: alliance.areaCode, ...input });
      await auditInTx(this.ctx, tx, actor, {
        action: 'alliance.chair_set',
        objectType: 'alliance',
        objectIds: [id, input.organisationId],
      });
    });
    return this.detail(actor, id);
  }

  async addCommitment(actor: Actor, id: string, input: CommitmentInput): Promise<AllianceDetail> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const alliance = await this.load(actor, id, true, tx);
      if (!(await findMember(tx, id, input.organisationId))) {
        throw new AppError('common.validation_failed', [{ path: 'organisationId', code: 'organisations.not_member' }]);
      }
      const row = {
        id: randomUUID(),
        allianceId: id,
        areaCode: alliance.areaCode,
        organisationId: input.organisationId,
      };
      await insertCommitment(tx, {
        ...row,
        text: input.text,
        dueOn: input.dueOn ?? null,
        status: 'pledged',
        createdAt: now,
        updatedAt: now,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'alliance.commitment_add',
        objectType: 'alliance',
        objectIds: [id, row.id],
      });
    });
    return this.detail(actor, id);
  }

  async setCommitmentStatus(actor: Actor, commitmentId: string, status: CommitmentStatus) {
    const allianceId = await this.ctx.db.transaction(async (tx) => {
      const commitment = await findCommitment(tx, commitmentId);
      const alliance = commitment ? await findAlliance(tx, actor.scopePrefixes, commitment.allianceId) : null;
      if (!commitment || !alliance || !canManage(actor, alliance)) {
        throw deniedNotFound(this.ctx, actor, 'alliance', [commitmentId], 'organisations.alliance_not_found');
      }
      await updateCommitment(tx, commitmentId, { status, updatedAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, {
        action: 'alliance.commitment_status',
        objectType: 'alliance',
        objectIds: [alliance.id, commitmentId],
        detail: status,
      });
      return alliance.id;
    });
    return this.detail(actor, allianceId);
  }
}

function toSummary(row: AllianceRow, members: number): AllianceSummary {
  return {
    id: row.id,
    areaCode: row.areaCode,
    name: row.name,
    type: row.type,
    memberCount: members,
    createdAt: row.createdAt.toISOString(),
  };
}
