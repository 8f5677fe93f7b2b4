import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery, AuditVerifyResult } from '@linli/contracts';
import type { AuditService } from './audit.service';

export function auditRoutes(service: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditList } },
        config: { permission: 'audit.read', personalData: true },
      },
      (req) =>
        service.search(req.actor!, {
          ...req.query,
          from: req.query.from ? new Date(req.query.from) : undefined,
          to: req.query.to ? new Date(req.query.to) : undefined,
        }),
    );

    app.get(
      '/api/audit/verify',
      {
        schema: { tags: ['audit'], response: { 200: AuditVerifyResult } },
        config: { permission: 'audit.read' },
      },
      (req) => service.verify(req.actor!),
    );
  };
}
