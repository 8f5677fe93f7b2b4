import type { LinliModule } from '../../platform/module';
import { AuditService } from './audit.service';
import { auditRoutes } from './audit.routes';

export { AuditService } from './audit.service';
export { auditRoutes } from './audit.routes';
export { registerAuditSubjectNames, type SubjectNames } from './audit-subjects';

export const auditModule: LinliModule = {
  name: 'audit',
  register: async (app, ctx) => app.register(auditRoutes(new AuditService(ctx))),
};
