/** The home module's public surface. */
export { homeRoutes } from './routes';
