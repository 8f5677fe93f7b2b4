/** The requests module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
/** The resident's pages on /m and the home page's tile (the residents module's mobile entry mounts them). */
export { requestMobileRoutes } from './mobile/routes';
export { RequestsTile } from './mobile/RequestsTile';
/** 记录诉求 in the care module's visit drawer. */
export { RecordRequestButton } from './components/RecordRequestButton';
