import { randomUUID } from 'node:crypto';
import type {
  OrganisationContacts,
  OrganisationCreateInput,
  OrganisationDetail,
  OrganisationList,
  OrganisationListQuery,
  OrganisationUpdateInput,
} from '@linli/contracts/modules/organisations';
import type { z } from 'zod';
import { type Actor, codeInPrefixes } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { membershipsOf } from './alliances.repository';
import { checkAreas } from './organisation-areas';
import {
  contactRows,
  contactsChanged,
  diffFields,
  eventRow,
  registerFields,
  toEvent,
  toSummary,
} from './organisation-record';
import { allowedOrganisationActions, organisationsPolicy } from './organisations.policy';
import {
  type OrganisationRow,
  areaNames,
  contactsOf,
  findByUscc,
  findOrganisation,
  findReadableOrganisation,
  historyOf,
  insertEvents,
  insertOrganisations,
  listOrganisations,
  readablePrefixes,
  replaceContacts,
  replaceServiceAreas,
  serviceAreasOf,
  updateOrganisation,
} from './organisations.repository';

/** The partner register's use cases: authorise → rules → repository in a transaction → audit. */
export class OrganisationsService {
  constructor(private readonly ctx: AppContext) {}

  private today() {
    return chinaToday(this.ctx.clock.now());
  }

  async list(actor: Actor, query: OrganisationListQuery): Promise<OrganisationList> {
    if (query.areaCode && !codeInPrefixes(query.areaCode, readablePrefixes(actor.scopePrefixes))) {
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    }
    const { rows, total } = await listOrganisations(this.ctx.db, actor.scopePrefixes, query);
    const [served, names] = await Promise.all([
      serviceAreasOf(
        this.ctx.db,
        rows.map((r) => r.id),
      ),
      areaNames(this.ctx.db, [...new Set(rows.map((r) => r.areaCode))]),
    ]);
    auditRead(this.ctx, actor, {
      action: 'organisation.list',
      objectType: 'organisation',
      objectIds: rows.map((r) => r.id),
      fields: ['name'],
    });
    const today = this.today();
    return {
      items: rows.map((r) => toSummary(r, served.get(r.id) ?? [], names.get(r.areaCode) ?? null, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The row when the actor may read it; a refusal is audited and answers like a missing id. */
  async readable(actor: Actor, id: string, db: DbOrTx = this.ctx.db): Promise<OrganisationRow> {
    const row = await findReadableOrganisation(db, actor.scopePrefixes, id);
    if (!row) throw deniedNotFound(this.ctx, actor, 'organisation', [id], 'organisations.not_found');
    return row;
  }

  async detail(actor: Actor, id: string, audit = true): Promise<OrganisationDetail> {
    const row = await this.readable(actor, id);
    const [served, names, contacts, history, alliances] = await Promise.all([
      serviceAreasOf(this.ctx.db, [id]),
      areaNames(this.ctx.db, [row.areaCode]),
      contactsOf(this.ctx.db, id),
      historyOf(this.ctx.db, id),
      membershipsOf(this.ctx.db, id, this.today()),
    ]);
    if (audit) {
      auditRead(this.ctx, actor, {
        action: 'organisation.read',
        objectType: 'organisation',
        objectIds: [id],
        fields: ['name', 'contacts.name_masked', 'contacts.phone_masked'],
      });
    }
    return {
      ...toSummary(row, served.get(id) ?? [], names.get(row.areaCode) ?? null, this.today()),
      registrationAuthority: row.registrationAuthority,
      registeredOn: row.registeredOn,
      address: row.address,
      notes: row.notes,
      contacts: contacts.map((c) => ({
        id: c.id,
        name: c.nameMasked,
        role: c.role,
        phone: c.phoneMasked,
        revealed: false,
      })),
      history: history.map((h) => toEvent(h.event, h.actorName)),
      alliances,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedOrganisationActions(actor, row),
    };
  }

  async create(actor: Actor, input: OrganisationCreateInput): Promise<OrganisationDetail> {
    const areas = await checkAreas(this.ctx.db, actor, input.areaCode, input.serviceAreaCodes);
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      await this.assertUsccFree(tx, input.areaCode, input.uscc ?? null, null);
      await insertOrganisations(tx, [
        {
          id,
          areaCode: input.areaCode,
          ...registerFields(input),
          status: 'active',
          version: 1,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await replaceServiceAreas(tx, id, areas);
      await replaceContacts(tx, id, contactRows(this.ctx, { id, areaCode: input.areaCode }, input.contacts, []));
      await insertEvents(tx, [
        eventRow({ id, areaCode: input.areaCode }, 'created', { fields: [], changes: [] }, actor.userId, now),
      ]);
      await auditInTx(this.ctx, tx, actor, {
        action: 'organisation.create',
        objectType: 'organisation',
        objectIds: [id],
        fields: ['name', ...(input.contacts.length ? ['contacts'] : [])],
      });
    });
    return this.detail(actor, id, false);
  }

  async update(actor: Actor, id: string, input: OrganisationUpdateInput): Promise<OrganisationDetail> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const row = await this.writable(actor, id, input.version, tx);
      const areas = await checkAreas(tx, actor, row.areaCode, input.serviceAreaCodes);
      await this.assertUsccFree(tx, row.areaCode, input.uscc ?? null, id);
      const fields = registerFields(input);
      // One after the other: a transaction is one connection, which runs one query at a time.
      const beforeContacts = await contactsOf(tx, id);
      const beforeAreas = await serviceAreasOf(tx, [id]);
      const contacts = contactRows(this.ctx, row, input.contacts, beforeContacts);
      const areasChanged = JSON.stringify(beforeAreas.get(id) ?? []) !== JSON.stringify(areas);
      const diff = diffFields(row, fields, contactsChanged(this.ctx, beforeContacts, contacts), areasChanged);
      if (diff.fields.length === 0) return;
      await updateOrganisation(tx, id, { ...fields, version: row.version + 1, updatedAt: now });
      await replaceServiceAreas(tx, id, areas);
      await replaceContacts(tx, id, contacts);
      await insertEvents(tx, [eventRow(row, 'updated', diff, actor.userId, now)]);
      await auditInTx(this.ctx, tx, actor, {
        action: 'organisation.update',
        objectType: 'organisation',
        objectIds: [id],
        fields: diff.fields,
      });
    });
    return this.detail(actor, id, false);
  }

  async setStatus(actor: Actor, id: string, input: { status: 'active' | 'disabled'; version: number }) {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction(async (tx) => {
      const row = await this.writable(actor, id, input.version, tx);
      if (row.status === input.status) return;
      await updateOrganisation(tx, id, { status: input.status, version: row.version + 1, updatedAt: now });
      const kind = input.status === 'active' ? 'enabled' : 'disabled';
      await insertEvents(tx, [eventRow(row, kind, { fields: ['status'], changes: [] }, actor.userId, now)]);
      await auditInTx(this.ctx, tx, actor, {
        action: 'organisation.status',
        objectType: 'organisation',
        objectIds: [id],
        fields: ['status'],
        detail: input.status,
      });
    });
    return this.detail(actor, id, false);
  }

  /** The contacts' real names and numbers: a supervisor of the holding area, audited in the same transaction. */
  async revealContacts(actor: Actor, id: string): Promise<z.infer<typeof OrganisationContacts>> {
    const row = await this.readable(actor, id);
    if (!organisationsPolicy.canReveal(actor, row))
      throw deniedNotFound(this.ctx, actor, 'organisation', [id], 'organisations.not_found');
    return this.ctx.db.transaction(async (tx) => {
      const contacts = await contactsOf(tx, id);
      await auditInTx(this.ctx, tx, actor, {
        action: 'organisation.contact_reveal',
        objectType: 'organisation',
        objectIds: [id],
        fields: ['contacts.name', 'contacts.phone'],
      });
      const plain = (v: string | null) => (v ? this.ctx.cipher.decrypt(v) : null);
      return {
        items: contacts.map((c) => ({
          id: c.id,
          name: plain(c.nameEnc)!,
          role: c.role,
          phone: plain(c.phoneEnc),
          revealed: true,
        })),
      };
    });
  }

  /** The row locked for a change, when the actor holds its area and read the current version. */
  private async writable(actor: Actor, id: string, version: number, tx: DbOrTx): Promise<OrganisationRow> {
    const row = await findOrganisation(tx, id, true);
    if (!row || !organisationsPolicy.canWriteIn(actor, row.areaCode)) {
      throw deniedNotFound(this.ctx, actor, 'organisation', [id], 'organisations.not_found');
    }
    if (row.version !== version) throw new AppError('common.conflict');
    return row;
  }

  private async assertUsccFree(tx: DbOrTx, areaCode: string, uscc: string | null, self: string | null) {
    if (!uscc) return;
    const other = await findByUscc(tx, areaCode, uscc);
    if (other && other.id !== self) {
      throw new AppError('common.validation_failed', [{ path: 'uscc', code: 'organisations.uscc_exists' }]);
    }
  }
}
