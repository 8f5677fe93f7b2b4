/** The care module's public surface: what the app shell and other modules may import. */
export { careRoutes } from './routes';
