import type { Role } from '@linli/contracts';
import { areasEn } from './areas';
import { auditEn } from './audit';
import { authEn } from './auth';
import { careEn } from './care';
import { homeEn } from './home';
import { usersEn } from './users';
import type { Messages } from './zh-CN';

export const en: Messages = {
  'app.name': 'Linli 邻里',
  'app.shortName': 'Linli',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.notFound': 'Page not found',
  'app.backHome': 'Back to home',
  'app.crashed': 'Something went wrong',
  'app.crashedHint': 'Please reload the page. If the problem persists, contact your system administrator.',
  'app.reload': 'Reload',
  'app.forbidden': 'You do not have permission to view this page',
  'app.empty': 'No data',
  'app.ok': 'OK',
  'app.cancel': 'Cancel',
  'app.save': 'Save',
  'app.submit': 'Submit',
  'app.close': 'Close',
  'app.yes': 'Yes',
  'app.no': 'No',
  'app.done': 'Done',
  'app.search': 'Search',
  'app.reset': 'Reset',
  'app.total': '{total} in total',
  'app.openMenu': 'Open menu',
  'app.version': 'Version {version}',
  'app.remove': 'Remove',
  'app.actions': 'Actions',
  'app.note': 'Note',
  'app.reason': 'Reason',
  'app.approve': 'Approve',
  'app.reject': 'Reject',
  'app.confirm': 'Go ahead?',
  'app.tableScroll': 'Table (scrolls sideways)',
  'app.title.login': 'Log in',
  'app.title.clientDetail': 'Client',
  'app.title.caseDetail': 'Case',
  'app.title.residents': 'Residents',

  'lang.switch': '中文',
  'lang.switchTitle': '切换到中文',

  'menu.home': 'Home',
  'menu.worklist': 'Worklist',
  'menu.clients': 'Clients',
  'menu.approvals': 'Tier approvals',
  'menu.overdue': 'Overdue visits',
  'menu.cases': 'Cases',
  'menu.caseApprovals': 'Case approvals',
  'menu.ledgerImport': 'Ledger import',
  'menu.exports': 'Export requests',
  'menu.caseload': 'Caseload handover',
  'menu.policy': 'Tier policy',
  'menu.areas': 'Areas',
  'menu.users': 'Users',
  'menu.audit': 'Audit log',
  'menu.profile': 'Profile',
  'menu.logout': 'Log out',
  'menu.userMenu': 'User menu',

  'area.switcher': 'Switch area',
  'area.wholeJurisdiction': 'Whole jurisdiction',
  'area.level.district': 'District',
  'area.level.street': 'Street',
  'area.level.community': 'Community',
  'area.level.grid': 'Grid',

  'home.welcome': 'Welcome, {name}',
  'home.roles': 'My roles',
  'home.areas': 'My jurisdiction',
  'home.noAreas': 'No areas assigned yet',
  'home.security': 'Account security',
  'home.totpOn': 'One-time codes enabled',
  'home.totpOff': 'One-time codes not enabled',
  'home.sessionExpires': 'Session expires at {time}',
  ...authEn,
  ...auditEn,
  ...areasEn,
  ...usersEn,
  ...homeEn,
  ...careEn,
};

export const rolesEn: Record<Role, string> = {
  system_admin: 'System administrator',
  security_admin: 'Security administrator',
  audit_admin: 'Audit administrator',
  district_officer: 'District officer',
  street_officer: 'Street officer',
  community_supervisor: 'Community supervisor',
  community_worker: 'Community worker',
  social_worker: 'Social worker',
  grid_worker: 'Grid worker',
  partner_member: 'Partner member',
  resident: 'Resident',
};

export const unknownErrorEn = 'The operation failed; please try again later';
export const networkErrorEn = 'Cannot reach the server; check your connection and try again';
