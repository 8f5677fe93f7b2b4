/** The partners module's public surface (the shell finds module.tsx by itself). */
export { webModule } from './module';
/** The partner register's searchable select, with "其他" for a provider outside it (care's referral form). */
export { OTHER_PROVIDER, OrganisationSelect } from './components/OrganisationSelect';
