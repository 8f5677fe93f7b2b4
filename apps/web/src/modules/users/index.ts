/** The users module's public surface. */
export { usersRoutes } from './routes';
