import type { RouteObject } from 'react-router-dom';
import { casesRoutes } from './cases/routes';
import { clientsRoutes } from './clients/routes';
import { exportsRoutes } from './exports/routes';
import { ledgerRoutes } from './ledger/routes';
import { supervisionRoutes } from './supervision/routes';
import { tiersRoutes } from './tiers/routes';
import { visitsRoutes } from './visits/routes';

/**
 * Every care page, feature by feature. Referrals, consents and households have no pages of their own: their cards
 * sit on the client detail page.
 */
export const careRoutes: RouteObject[] = [
  ...visitsRoutes,
  ...clientsRoutes,
  ...tiersRoutes,
  ...casesRoutes,
  ...ledgerRoutes,
  ...exportsRoutes,
  ...supervisionRoutes,
];
