import type {
  PartnerAccount,
  PartnerAccountCreateInput,
  PartnerAccountCredentials,
  PartnerAccountList,
} from '@linli/contracts/modules/partners';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { transactionRetried } from '../../platform/transaction-retry';
import { maskPhone } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { createAccount, findUserByUsername, hashPassword, issueOneTimePassword, setAccountStatus } from '../users';
import { allowedAccountActions, partnersPolicy } from './partners.policy';
import {
  type PartnerAccountRow,
  findOrganisation,
  findPartnerAccount,
  listPartnerAccounts,
} from './partners.repository';

const ACCOUNT_FIELDS = ['username', 'displayName', 'phone', 'organisationId'];

/**
 * Partner members' accounts (合作单位账号), administered by the staff of the area holding the partnership: created
 * active with a one-time password (shown once, to hand over; changed at the first login, as for staff), listed,
 * disabled and enabled, reset. The account rows are the users module's, changed through its account functions.
 */
export class PartnersService {
  constructor(private readonly ctx: AppContext) {}

  private toDto(actor: Actor, row: PartnerAccountRow): PartnerAccount {
    const phone = row.phoneEnc ? this.ctx.cipher.decrypt(row.phoneEnc) : null;
    return {
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      username: row.username,
      displayName: row.displayName,
      phoneMasked: maskPhone(phone),
      status: row.status === 'active' ? 'active' : 'disabled',
      mustChangePassword: row.mustChangePassword,
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      allowedActions: allowedAccountActions(actor, row),
    };
  }

  /** An organisation whose accounts the actor administers, or 404 (audited) like one that does not exist. */
  private async manageable(actor: Actor, organisationId: string) {
    const org = await findOrganisation(this.ctx.db, organisationId);
    if (!org || !partnersPolicy.canManage(actor, org))
      throw deniedNotFound(this.ctx, actor, 'organisation', [organisationId], 'partners.not_found');
    return org;
  }

  private async loadAccount(actor: Actor, id: string): Promise<PartnerAccountRow> {
    const row = await findPartnerAccount(this.ctx.db, id);
    if (!row || !partnersPolicy.canManage(actor, { areaCode: row.organisationArea }))
      throw deniedNotFound(this.ctx, actor, 'user', [id], 'partners.not_found');
    return row;
  }

  async list(
    actor: Actor,
    query: {
      organisationId?: string | undefined;
      status?: 'active' | 'disabled' | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<PartnerAccountList> {
    if (query.organisationId) await this.manageable(actor, query.organisationId);
    const { rows, total } = await listPartnerAccounts(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'user.list',
      objectType: 'user',
      objectIds: rows.map((r) => r.id),
      fields: ['username', 'displayName', 'phoneMasked'],
      detail: 'partner accounts',
    });
    return { items: rows.map((r) => this.toDto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  async create(actor: Actor, input: PartnerAccountCreateInput): Promise<PartnerAccountCredentials> {
    const org = await this.manageable(actor, input.organisationId);
    if (org.status !== 'active') throw new AppError('partners.not_found');
    if (await findUserByUsername(this.ctx.db, input.username))
      throw new AppError('user.username_taken', [
        { path: 'username', code: 'user.username_exists', params: { username: input.username } },
      ]);
    // Nobody learns a password they did not choose, except as a one-time password they hand over (security.md).
    const unusable = await hashPassword(randomToken(32));
    const { id, oneTimePassword } = await transactionRetried(this.ctx.db, async (tx) => {
      const now = this.ctx.clock.now();
      const phone = input.phone
        ? { enc: this.ctx.cipher.encrypt(input.phone), bidx: this.ctx.cipher.blindIndex(input.phone) }
        : undefined;
      const userId = await createAccount(tx, {
        username: input.username,
        displayName: input.displayName,
        passwordHash: unusable,
        roles: ['partner_member'],
        areaCodes: [],
        at: now,
        organisationId: org.id,
        ...(phone ? { phone } : {}),
      });
      const password = await issueOneTimePassword(this.ctx, tx, userId);
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.create',
        objectType: 'user',
        objectIds: [userId, org.id],
        fields: ACCOUNT_FIELDS,
        detail: 'partner account; one-time password issued',
      });
      return { id: userId, oneTimePassword: password };
    });
    return { account: await this.detail(actor, id), oneTimePassword };
  }

  private async detail(actor: Actor, id: string): Promise<PartnerAccount> {
    return this.toDto(actor, await this.loadAccount(actor, id));
  }

  async setStatus(actor: Actor, id: string, enabled: boolean): Promise<PartnerAccount> {
    const row = await this.loadAccount(actor, id);
    await this.ctx.db.transaction(async (tx) => {
      await setAccountStatus(this.ctx, tx, id, enabled, this.ctx.clock.now());
      await auditInTx(this.ctx, tx, actor, {
        action: enabled ? 'user.enable' : 'user.disable',
        objectType: 'user',
        objectIds: [id, row.organisationId],
        fields: ['status'],
        detail: 'partner account',
      });
    });
    return this.detail(actor, id);
  }

  /** A new one-time password (the member forgot theirs, or never came): every session of the account ends. */
  async resetPassword(actor: Actor, id: string): Promise<PartnerAccountCredentials> {
    const row = await this.loadAccount(actor, id);
    if (row.status !== 'active') throw new AppError('user.invalid_state');
    const oneTimePassword = await this.ctx.db.transaction(async (tx) => {
      const password = await issueOneTimePassword(this.ctx, tx, id);
      await auditInTx(this.ctx, tx, actor, {
        action: 'user.reset_password',
        objectType: 'user',
        objectIds: [id, row.organisationId],
        fields: ['password'],
        detail: 'partner account; one-time password issued',
      });
      return password;
    });
    return { account: await this.detail(actor, id), oneTimePassword };
  }
}
