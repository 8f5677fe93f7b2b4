import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { ACCOUNTS_LABEL, INBOX_LABEL } from './words';

const PartnerInboxPage = lazy(() => import('./pages/PartnerInboxPage'));
const PartnerReferralPage = lazy(() => import('./pages/PartnerReferralPage'));
const PartnerAccountsPage = lazy(() => import('./pages/PartnerAccountsPage'));

/**
 * Found by the shell at build time (app/module-registry.ts): a partner member's referral inbox, and the staff page
 * for partner organisations' accounts.
 */
export const webModule: WebModule = {
  routes: [
    guardedRoute('partner/referrals', 'partners.referral.read', <PartnerInboxPage />),
    guardedRoute('partner/referrals/:id', 'partners.referral.read', <PartnerReferralPage />),
    guardedRoute('partners/accounts', 'partners.accounts.manage', <PartnerAccountsPage />),
  ],
  menu: [
    {
      path: '/partner/referrals',
      label: INBOX_LABEL,
      testId: 'menu-partner-inbox',
      permission: 'partners.referral.read',
    },
    {
      path: '/partners/accounts',
      label: ACCOUNTS_LABEL,
      testId: 'menu-partner-accounts',
      permission: 'partners.accounts.manage',
    },
  ],
};
