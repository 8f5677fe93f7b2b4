import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Id,
  Referral,
  ReferralInput,
  ReferralList,
  ReferralListQuery,
  ReferralReportInput,
  ReferralResponseInput,
  ReferralWithdrawInput,
} from '@linli/contracts';
import type { ReferralsService } from './referrals.service';

const tags = ['care'];
const IdParams = z.object({ id: Id });
const client = { personalData: true, idParams: { id: 'client' as const } };
const referral = { personalData: true, idParams: { id: 'referral' as const } };

export function referralRoutes(referrals: ReferralsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/referrals',
      {
        schema: { tags, querystring: ReferralListQuery, response: { 200: ReferralList } },
        config: { permission: 'care.client.read', personalData: true },
      },
      (req) => referrals.list(req.actor!, req.query),
    );
    app.post(
      '/api/care/clients/:id/referrals',
      {
        schema: { tags, params: IdParams, body: ReferralInput, response: { 200: Referral } },
        config: { permission: 'care.case.write', ...client },
      },
      (req) => referrals.send(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/care/referrals/:id/respond',
      {
        schema: { tags, params: IdParams, body: ReferralResponseInput, response: { 200: Referral } },
        config: { permission: 'care.case.write', ...referral },
      },
      (req) => referrals.respond(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/care/referrals/:id/report',
      {
        schema: { tags, params: IdParams, body: ReferralReportInput, response: { 200: Referral } },
        config: { permission: 'care.case.write', ...referral },
      },
      (req) => referrals.report(req.actor!, req.params.id, req.body),
    );
    app.post(
      '/api/care/referrals/:id/withdraw',
      {
        schema: { tags, params: IdParams, body: ReferralWithdrawInput, response: { 200: Referral } },
        config: { permission: 'care.case.write', ...referral },
      },
      (req) => referrals.withdraw(req.actor!, req.params.id, req.body),
    );
  };
}
