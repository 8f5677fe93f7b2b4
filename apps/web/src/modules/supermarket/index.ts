/** The supermarket module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { supermarketMobileRoutes } from './mobile/routes';
