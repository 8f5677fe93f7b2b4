import type {} from './partners.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@linli/contracts';
import {
  PartnerAccount,
  PartnerAccountCreateInput,
  PartnerAccountCredentials,
  PartnerAccountList,
  PartnerAccountListQuery,
  PartnerAccountStatusInput,
  PartnerOrganisation,
  PartnerReferral,
  PartnerReferralAcceptInput,
  PartnerReferralDeclineInput,
  PartnerReferralList,
  PartnerReferralListQuery,
  PartnerReferralReportInput,
} from '@linli/contracts/modules/partners';
import type { PartnerInboxService } from './partner-inbox.service';
import type { PartnersService } from './partners.service';

const tags = ['partners'];
const IdParams = z.object({ id: Id });
const manage = { permission: 'partners.accounts.manage' as const, personalData: true };
const account = { ...manage, idParams: { id: 'partner_account' as const } };
const read = { permission: 'partners.referral.read' as const, personalData: true };
const answer = {
  permission: 'partners.referral.answer' as const,
  personalData: true,
  idParams: { id: 'referral' as const },
};

/** Staff: the accounts of partner organisations held in their jurisdiction. */
export function partnerAccountRoutes(service: PartnersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/partners/accounts',
      { schema: { tags, querystring: PartnerAccountListQuery, response: { 200: PartnerAccountList } }, config: manage },
      (req) => service.list(req.actor!, req.query),
    );
    app.post(
      '/api/partners/accounts',
      {
        schema: { tags, body: PartnerAccountCreateInput, response: { 200: PartnerAccountCredentials } },
        config: manage,
      },
      (req) => service.create(req.actor!, req.body),
    );
    app.post(
      '/api/partners/accounts/:id/status',
      {
        schema: { tags, params: IdParams, body: PartnerAccountStatusInput, response: { 200: PartnerAccount } },
        config: account,
      },
      (req) => service.setStatus(req.actor!, req.params.id, req.body.enabled),
    );
    app.post(
      '/api/partners/accounts/:id/reset-password',
      { schema: { tags, params: IdParams, response: { 200: PartnerAccountCredentials } }, config: account },
      (req) => service.resetPassword(req.actor!, req.params.id),
    );
  };
}

/** A partner member: its organisation and the referral inbox. Staff get 403 here; other external roles 404. */
export function partnerInboxRoutes(inbox: PartnerInboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/partner/organisation',
      {
        schema: { tags, response: { 200: PartnerOrganisation } },
        config: { permission: 'partners.referral.read' },
      },
      (req) => inbox.organisation(req.actor!),
    );
    app.get(
      '/api/partner/referrals',
      { schema: { tags, querystring: PartnerReferralListQuery, response: { 200: PartnerReferralList } }, config: read },
      (req) => inbox.list(req.actor!, req.query),
    );
    app.get(
      '/api/partner/referrals/:id',
      {
        schema: { tags, params: IdParams, response: { 200: PartnerReferral } },
        config: { ...read, idParams: { id: 'referral' as const } },
      },
      (req) => inbox.detail(req.actor!, req.params.id),
    );
    app.post(
      '/api/partner/referrals/:id/accept',
      {
        schema: { tags, params: IdParams, body: PartnerReferralAcceptInput, response: { 200: PartnerReferral } },
        config: answer,
      },
      (req) => inbox.accept(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/partner/referrals/:id/decline',
      {
        schema: { tags, params: IdParams, body: PartnerReferralDeclineInput, response: { 200: PartnerReferral } },
        config: answer,
      },
      (req) => inbox.decline(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/partner/referrals/:id/report',
      {
        schema: { tags, params: IdParams, body: PartnerReferralReportInput, response: { 200: PartnerReferral } },
        config: answer,
      },
      (req) => inbox.report(req.actor!, req.params.id, req.body),
    );
  };
}
