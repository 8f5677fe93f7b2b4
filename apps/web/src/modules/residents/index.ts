/** The residents module's public surface: the staff pages (module.tsx, found by the shell) and the mobile entry /m. */
export { webModule } from './module';
export { mobileRoutes } from './mobile/routes';
