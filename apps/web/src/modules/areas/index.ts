/** The areas module's public surface. */
export { areasRoutes } from './routes';
export { useAreaTree } from './api';
