import type { ReactNode } from 'react';
import {
  AppstoreOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ExportOutlined,
  HeartOutlined,
  HomeOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n';
import type { Permission } from '../lib/types';
import type { Words } from '../lib/web-module';
import { discoveredModules } from './module-registry';

export interface MenuEntry {
  path: string;
  label: MessageKey | Words;
  testId: string;
  icon: ReactNode;
  /** Shown to a session holding any of these; omitted: everyone signed in sees it. */
  permission?: Permission | readonly Permission[];
}

/**
 * What makes the user directory worth a menu entry: administering accounts in some way. Everyone in a business role
 * may read staff (user.read, to pick an assignee), but a list they can do nothing with is hidden (issue 9).
 */
const USER_ADMINISTRATION: readonly Permission[] = [
  'user.manage',
  'user.assign_roles',
  'user.activate',
  'user.unlock',
  'user.end_sessions',
  'user.admin_credentials',
  'user.confirm_totp_reset',
];

export const ENTRIES: MenuEntry[] = [
  // The 工作台 is the staff's (every staff role reads areas); a partner member's home is its referral inbox.
  { path: '/', label: 'menu.home', testId: 'menu-home', icon: <HomeOutlined />, permission: 'area.read' },
  {
    path: '/care/worklist',
    label: 'menu.worklist',
    testId: 'menu-worklist',
    icon: <ScheduleOutlined />,
    permission: 'care.visit.read',
  },
  {
    path: '/care/clients',
    label: 'menu.clients',
    testId: 'menu-clients',
    icon: <HeartOutlined />,
    permission: 'care.client.read',
  },
  {
    path: '/care/approvals',
    label: 'menu.approvals',
    testId: 'menu-approvals',
    icon: <CheckSquareOutlined />,
    permission: 'care.tier.approve',
  },
  {
    path: '/care/overdue',
    label: 'menu.overdue',
    testId: 'menu-overdue',
    icon: <WarningOutlined />,
    permission: 'care.supervision.read',
  },
  {
    path: '/care/cases',
    label: 'menu.cases',
    testId: 'menu-cases',
    icon: <SolutionOutlined />,
    permission: 'care.client.read',
  },
  {
    path: '/care/case-approvals',
    label: 'menu.caseApprovals',
    testId: 'menu-case-approvals',
    icon: <CheckSquareOutlined />,
    permission: 'care.case.approve',
  },
  {
    path: '/care/import',
    label: 'menu.ledgerImport',
    testId: 'menu-ledger-import',
    icon: <CloudUploadOutlined />,
    permission: 'care.client.write',
  },
  {
    path: '/care/exports',
    label: 'menu.exports',
    testId: 'menu-exports',
    icon: <ExportOutlined />,
    permission: 'care.client.read',
  },
  {
    path: '/care/caseload',
    label: 'menu.caseload',
    testId: 'menu-caseload',
    icon: <SwapOutlined />,
    permission: 'care.caseload.manage',
  },
  {
    path: '/care/policy',
    label: 'menu.policy',
    testId: 'menu-policy',
    icon: <SettingOutlined />,
    permission: 'care.policy.manage',
  },
  // Every role reads areas (area.read: names in pickers); the page is for those who change them.
  {
    path: '/areas',
    label: 'menu.areas',
    testId: 'menu-areas',
    icon: <ApartmentOutlined />,
    permission: 'area.manage',
  },
  {
    path: '/users',
    label: 'menu.users',
    testId: 'menu-users',
    icon: <TeamOutlined />,
    permission: USER_ADMINISTRATION,
  },
  { path: '/audit', label: 'menu.audit', testId: 'menu-audit', icon: <AuditOutlined />, permission: 'audit.read' },
  // Modules made with `npm run new-module` add theirs from their module.tsx.
  ...discoveredModules.flatMap((m) => m.menu.map((e) => ({ ...e, icon: <AppstoreOutlined /> }))),
  { path: '/profile', label: 'menu.profile', testId: 'menu-profile', icon: <UserOutlined /> },
];

/** The entry whose path is the longest prefix of the location (so /care/clients/123 selects /care/clients). */
export function selectedKey(pathname: string): string {
  const match = ENTRIES.filter(
    (e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)),
  ).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? (pathname.split('/')[1] ? `/${pathname.split('/')[1]}` : '/');
}

/** Whether a session holding `permissions` sees the entry. */
export function entryVisible(entry: MenuEntry, permissions: readonly Permission[]): boolean {
  if (!entry.permission) return true;
  const anyOf: readonly Permission[] = typeof entry.permission === 'string' ? [entry.permission] : entry.permission;
  return anyOf.some((p) => permissions.includes(p));
}

/** The menu entry a location belongs to (the home entry only for "/"). */
export function entryFor(pathname: string): MenuEntry | undefined {
  const key = selectedKey(pathname);
  return ENTRIES.find((e) => e.path === key);
}
