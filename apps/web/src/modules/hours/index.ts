/** The hours module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { hourMobileRoutes } from './mobile/routes';
