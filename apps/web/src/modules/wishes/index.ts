/** The wishes module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { wishMobileRoutes } from './mobile/routes';
export { WishesTile } from './mobile/WishesTile';
export { WishCountsCard } from './components/WishCountsCard';
