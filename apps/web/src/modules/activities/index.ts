/** The activities module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { activityMobileRoutes } from './mobile/routes';
