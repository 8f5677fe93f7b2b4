/** The volunteers module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
export { volunteerMobileRoutes } from './mobile/routes';
export { VolunteerTile } from './mobile/VolunteerTile';
export { TeamSelect } from './components/TeamSelect';
