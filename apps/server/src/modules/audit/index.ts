export { AuditService } from './audit.service';
export { auditRoutes } from './audit.routes';
