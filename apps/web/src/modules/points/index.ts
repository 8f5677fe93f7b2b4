/** The points module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { pointMobileRoutes } from './mobile/routes';
