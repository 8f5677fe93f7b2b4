import type {} from '../care.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, TierPolicy, TierPolicyInput, TierPolicyUpdateResult } from '@linli/contracts';
import type { PoliciesService } from './policies.service';

const tags = ['care'];
const CodeParams = z.object({ code: AreaCode });

export function policyRoutes(policies: PoliciesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/policies/:code',
      {
        schema: { tags, params: CodeParams, response: { 200: TierPolicy } },
        config: { permission: 'care.client.read', idParams: { code: 'area' } },
      },
      (req) => policies.get(req.actor!, req.params.code),
    );

    app.put(
      '/api/care/policies/:code',
      {
        schema: { tags, params: CodeParams, body: TierPolicyInput, response: { 200: TierPolicyUpdateResult } },
        config: { permission: 'care.policy.manage', idParams: { code: 'area' } },
      },
      (req) => policies.set(req.actor!, req.params.code, req.body.rules),
    );
  };
}
