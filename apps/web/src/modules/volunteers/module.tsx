import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { CORRECTIONS_LABEL, MENU_LABEL, PARTNER_TEAMS_LABEL, TEAMS_LABEL } from './words';

const VolunteersListPage = lazy(() => import('./pages/VolunteersListPage'));
const VolunteerDetailPage = lazy(() => import('./pages/VolunteerDetailPage'));
const TeamsPage = lazy(() => import('./pages/TeamsPage'));
const TeamDetailPage = lazy(() => import('./pages/TeamDetailPage'));
const CorrectionsPage = lazy(() => import('./pages/CorrectionsPage'));
const PartnerTeamsPage = lazy(() => import('./pages/PartnerTeamsPage'));
const PartnerTeamPage = lazy(() => import('./pages/PartnerTeamPage'));

/**
 * Found by the shell at build time (app/module-registry.ts): volunteers, teams, record corrections; a partner
 * member's 我们的志愿队伍 (its organisation's teams).
 */
export const webModule: WebModule = {
  routes: [
    guardedRoute('volunteers', 'volunteers.read', <VolunteersListPage />),
    guardedRoute('volunteers/corrections', 'volunteers.read', <CorrectionsPage />),
    guardedRoute('volunteers/:id', 'volunteers.read', <VolunteerDetailPage />),
    guardedRoute('volunteer-teams', 'volunteers.read', <TeamsPage />),
    guardedRoute('volunteer-teams/:id', 'volunteers.read', <TeamDetailPage />),
    guardedRoute('partner/volunteer-teams', 'volunteers.organisation', <PartnerTeamsPage />),
    guardedRoute('partner/volunteer-teams/:id', 'volunteers.organisation', <PartnerTeamPage />),
  ],
  menu: [
    { path: '/volunteers', label: MENU_LABEL, testId: 'menu-volunteers', permission: 'volunteers.read' },
    { path: '/volunteer-teams', label: TEAMS_LABEL, testId: 'menu-volunteer-teams', permission: 'volunteers.read' },
    {
      path: '/volunteers/corrections',
      label: CORRECTIONS_LABEL,
      testId: 'menu-volunteer-corrections',
      permission: 'volunteers.read',
    },
    {
      path: '/partner/volunteer-teams',
      label: PARTNER_TEAMS_LABEL,
      testId: 'menu-partner-teams',
      permission: 'volunteers.organisation',
    },
  ],
};
