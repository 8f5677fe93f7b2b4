/** The audit module's public surface. */
export { auditRoutes } from './routes';
