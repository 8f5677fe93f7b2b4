// Contracts of the partners module (合作单位账号): partner organisations' member accounts, administered by the staff of
// the community that holds the partnership, and the partner's referral inbox. The server and the web import it as
// '@linli/contracts/modules/partners'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { MobileInput, ReferralStatus } from '../care/values';
import type { FieldCode } from '../field-messages';
import { AreaCode } from '../org';
import type { Role } from '../permissions';
import { OrganisationKind } from './organisations';

export const PERMISSIONS = [
  /** Create, list, disable/enable partner members' accounts of organisations held in one's jurisdiction. */
  'partners.accounts.manage',
  /** A partner member: the referrals addressed to its organisation. */
  'partners.referral.read',
  /** A partner member: accept, decline (with a reason) and report back the referrals addressed to its organisation. */
  'partners.referral.answer',
] as const;
export type PartnersPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  // The staff of the community that holds the partnership (the street's officers for partnerships the street holds).
  street_officer: ['partners.accounts.manage'],
  community_supervisor: ['partners.accounts.manage'],
  community_worker: ['partners.accounts.manage'],
  partner_member: ['partners.referral.read', 'partners.referral.answer'],
} as const satisfies Partial<Record<Role, readonly PartnersPermission[]>>;

export const ERRORS = {
  'partners.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

/** A partner organisation's member account, as the staff who administer it see it. */
export const PartnerAccount = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  /** Still to change the one-time password it was given (first login not done yet, or a reset). */
  mustChangePassword: z.boolean(),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.enum(['disable', 'enable', 'reset_password'])),
});
export type PartnerAccount = z.infer<typeof PartnerAccount>;
export const PartnerAccountList = Paged(PartnerAccount);
export type PartnerAccountList = z.infer<typeof PartnerAccountList>;
export const PartnerAccountListQuery = PageQuery.extend({
  organisationId: Id.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

/** As a staff account's username (users.ts: not imported, it would close an import cycle through the permissions). */
const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9._-]+$/, 'user.username_characters' satisfies FieldCode);

export const PartnerAccountCreateInput = z.object({
  organisationId: Id,
  username: Username,
  displayName: z.string().trim().min(1).max(40),
  phone: MobileInput.optional(),
});
export type PartnerAccountCreateInput = z.infer<typeof PartnerAccountCreateInput>;
export const PartnerAccountStatusInput = z.object({ enabled: z.boolean() });
/** A new account or a reset: the one-time password, shown once, to hand over; changed at the first login. */
export const PartnerAccountCredentials = z.object({ account: PartnerAccount, oneTimePassword: z.string() });
export type PartnerAccountCredentials = z.infer<typeof PartnerAccountCredentials>;

/** The organisation a partner member belongs to (the inbox's heading). */
export const PartnerOrganisation = z.object({ id: Id, name: z.string(), kind: OrganisationKind });
export type PartnerOrganisation = z.infer<typeof PartnerOrganisation>;

/**
 * A referral as the organisation it is addressed to sees it: the service asked for, its dates and status, who sent
 * it, and the client's name and phone — in full only while the consent the referral was sent under is live (not
 * revoked), masked otherwise. Nothing else of the client's file.
 */
export const PartnerReferral = z.object({
  id: Id,
  communityCode: AreaCode,
  communityName: z.string(),
  service: z.string(),
  status: ReferralStatus,
  sentAt: IsoDateTime,
  sentByName: z.string().nullable(),
  respondedAt: IsoDateTime.nullable(),
  responseNote: z.string().nullable(),
  reportBack: z.string().nullable(),
  doneAt: IsoDateTime.nullable(),
  client: z.object({
    name: z.string(),
    phone: z.string().nullable(),
    /** True when the consent does not (or no longer) cover sharing: name and phone are masked. */
    masked: z.boolean(),
  }),
  version: z.number().int(),
  allowedActions: z.array(z.enum(['accept', 'decline', 'report'])),
});
export type PartnerReferral = z.infer<typeof PartnerReferral>;
export const PartnerReferralList = Paged(PartnerReferral);
export type PartnerReferralList = z.infer<typeof PartnerReferralList>;
export const PartnerReferralListQuery = PageQuery.extend({ status: ReferralStatus.optional() });

export const PartnerReferralAcceptInput = z.object({
  version: z.number().int(),
  note: z.string().trim().max(300).optional(),
});
export const PartnerReferralDeclineInput = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(2).max(300),
});
export const PartnerReferralReportInput = z.object({
  version: z.number().int(),
  report: z.string().trim().min(2).max(1000),
});
