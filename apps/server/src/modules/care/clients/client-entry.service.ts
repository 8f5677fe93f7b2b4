import { randomUUID } from 'node:crypto';
import { type ClientDetail, type ClientInput, parseIdNumber } from '@linli/contracts';
import { type Actor, codeInPrefixes } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findArea } from '../../org';
import { assertAssignee, assertGrid } from './client-checks';
import { newClientRow } from './client-record';
import { findDuplicateCandidates, insertClient } from './clients.repository';
import { clientPolicy } from './clients.policy';
import type { ClientsService } from './clients.service';
import { nameSearchKeys } from './names';

type DuplicateKeys = Pick<ClientInput, 'name' | 'idNumber' | 'phone' | 'birthDate' | 'communityCode'>;
type DuplicateFindings = Awaited<ReturnType<ClientEntryService['findDuplicates']>>;

/** Entering a client: the duplicate check (asked for before entry, and repeated at entry) and the entry itself. */
export class ClientEntryService {
  constructor(
    private readonly ctx: AppContext,
    private readonly clients: ClientsService,
  ) {}

  private now() {
    return this.ctx.clock.now();
  }

  /**
   * The duplicate check before entry; audited, since it can disclose that a person is a client. The community must lie
   * in the caller's jurisdiction, and a match the caller may not see is reported only as "may exist elsewhere" (F5).
   */
  async duplicates(actor: Actor, input: DuplicateKeys) {
    if (!codeInPrefixes(input.communityCode, actor.scopePrefixes))
      throw deniedNotFound(this.ctx, actor, 'area', [input.communityCode], 'area.not_found');
    const found = await this.findDuplicates(actor, input, 'duplicate check');
    auditRead(this.ctx, actor, {
      action: 'client.duplicate_check',
      objectType: 'client',
      objectIds: found.duplicates.map((d) => d.clientId),
      fields: ['name', 'idNumber', 'phone', 'birthDate'],
      detail: found.elsewhere ? 'a match outside the caller\'s view (reported as "may exist elsewhere")' : null,
    });
    return found;
  }

  private async findDuplicates(actor: Actor, input: DuplicateKeys, via: string) {
    // One budget per user for searches, duplicate checks and entries: the guard is the register's (F4).
    if (input.idNumber) this.clients.exactLookups.check(actor, 'idNumber', via, false);
    else if (input.phone) this.clients.exactLookups.check(actor, 'phone', via, false);
    const id = input.idNumber ? parseIdNumber(input.idNumber) : null;
    const birthDate = id?.birthDate ?? input.birthDate;
    const candidates = await findDuplicateCandidates(this.ctx.db, {
      idBidx: id ? this.ctx.cipher.blindIndex(id.idNumber) : undefined,
      phoneBidx: input.phone ? this.ctx.cipher.blindIndex(input.phone) : undefined,
      pinyin: nameSearchKeys(input.name).pinyin,
      birthDate,
      areaCode: input.communityCode,
    });
    const pinyin = nameSearchKeys(input.name).pinyin;
    // Only what the actor may see is reported; a match outside their view (another community, a minor hidden from
    // them) only sets `elsewhere`: no id, no name, no community.
    const visible = candidates.filter((c) => clientPolicy.canRead(actor, c, this.now()));
    return {
      duplicates: visible.map((c) => {
        const matchedOn: ('id_number' | 'phone' | 'pinyin_birth_date')[] = [];
        if (id && c.idNumberBidx === this.ctx.cipher.blindIndex(id.idNumber)) matchedOn.push('id_number');
        if (input.phone && c.phoneBidx === this.ctx.cipher.blindIndex(input.phone)) matchedOn.push('phone');
        if (birthDate && c.namePinyin === pinyin && c.birthDate === birthDate && c.areaCode === input.communityCode)
          matchedOn.push('pinyin_birth_date');
        return { clientId: c.id, name: c.name, communityCode: c.areaCode, matchedOn };
      }),
      elsewhere: visible.length < candidates.length,
    };
  }

  async create(actor: Actor, input: ClientInput): Promise<ClientDetail> {
    const communityCode = await this.activeCommunity(actor, input.communityCode);
    await assertGrid(this.ctx, input.gridCode, communityCode);
    await assertAssignee(this.ctx, actor, input.assigneeId, communityCode);
    assertIdNumberFacts(input);
    if (!input.confirmDuplicates) await this.refuseDuplicates(actor, input);
    const clientId = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertClient(tx, newClientRow(this.ctx, actor, clientId, input, communityCode));
      await auditInTx(this.ctx, tx, actor, {
        action: 'client.create',
        objectType: 'client',
        objectIds: [clientId],
        fields: Object.keys(input).filter((k) => k !== 'confirmDuplicates'),
      });
    });
    return this.clients.detail(actor, clientId, false);
  }

  /** The community of a new client: an active community inside the actor's jurisdiction. */
  private async activeCommunity(actor: Actor, code: string): Promise<string> {
    const community = await findArea(this.ctx.db, code);
    if (
      !community ||
      community.level !== 'community' ||
      community.status !== 'active' ||
      !codeInPrefixes(community.code, actor.scopePrefixes)
    ) {
      throw new AppError('area.not_found', [{ path: 'communityCode', code: 'area.unknown', params: { code } }]);
    }
    return community.code;
  }

  /** Until the user confirms, suspected duplicates stop the entry (audited as a duplicate check). */
  private async refuseDuplicates(actor: Actor, input: ClientInput): Promise<void> {
    const found = await this.findDuplicates(actor, input, 'create');
    if (!found.duplicates.length && !found.elsewhere) return;
    auditRead(this.ctx, actor, {
      action: 'client.duplicate_check',
      objectType: 'client',
      objectIds: found.duplicates.map((d) => d.clientId),
      fields: ['name', 'idNumber', 'phone', 'birthDate'],
      detail: found.elsewhere ? "at create; a match outside the caller's view" : 'at create',
    });
    throw duplicateSuspected(found);
  }
}

/** A birth date or sex typed beside an ID number must agree with it. */
function assertIdNumberFacts(input: ClientInput): void {
  const id = input.idNumber ? parseIdNumber(input.idNumber)! : null;
  if (id && input.birthDate && input.birthDate !== id.birthDate) {
    throw new AppError('common.validation_failed', [{ path: 'birthDate', code: 'care.birth_date_mismatch' }]);
  }
  if (id && input.sex && input.sex !== id.sex) {
    throw new AppError('common.validation_failed', [{ path: 'sex', code: 'care.sex_mismatch' }]);
  }
}

function duplicateSuspected(found: DuplicateFindings): AppError {
  return new AppError('care.duplicate_suspected', [
    ...found.duplicates.map((d) => ({
      path: 'duplicates',
      code: 'care.duplicate_candidate' as const,
      params: {
        clientId: d.clientId,
        matchedOn: d.matchedOn.join('+'),
        communityCode: d.communityCode,
        name: d.name,
      },
    })),
    ...(found.elsewhere ? [{ path: 'elsewhere', code: 'care.record_elsewhere' as const }] : []),
  ]);
}
