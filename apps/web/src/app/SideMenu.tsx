import type { ReactNode } from 'react';
import { Menu, type MenuProps } from 'antd';
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
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n';
import type { Permission } from '../lib/types';
import type { Words } from '../lib/web-module';
import { hasPermission, useSession } from '../modules/auth';
import { discoveredModules } from './module-registry';

interface MenuEntry {
  path: string;
  label: MessageKey | Words;
  testId: string;
  icon: ReactNode;
  /** Omitted: everyone signed in sees it. */
  permission?: Permission;
}

const ENTRIES: MenuEntry[] = [
  { path: '/', label: 'menu.home', testId: 'menu-home', icon: <HomeOutlined /> },
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
  { path: '/areas', label: 'menu.areas', testId: 'menu-areas', icon: <ApartmentOutlined />, permission: 'area.read' },
  { path: '/users', label: 'menu.users', testId: 'menu-users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/audit', label: 'menu.audit', testId: 'menu-audit', icon: <AuditOutlined />, permission: 'audit.read' },
  // Modules made with `npm run new-module` add theirs from their module.tsx.
  ...discoveredModules.flatMap((m) => m.menu.map((e) => ({ ...e, icon: <AppstoreOutlined /> }))),
  { path: '/profile', label: 'menu.profile', testId: 'menu-profile', icon: <UserOutlined /> },
];

/** The entry whose path is the longest prefix of the location (so /care/clients/123 selects /care/clients). */
function selectedKey(pathname: string): string {
  const match = ENTRIES.filter(
    (e) => e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)),
  ).sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? (pathname.split('/')[1] ? `/${pathname.split('/')[1]}` : '/');
}

/** Side navigation built from the session's permissions. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const session = useSession();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();

  const items: MenuProps['items'] = ENTRIES.filter((e) => !e.permission || hasPermission(session, e.permission)).map(
    (e) => ({
      key: e.path,
      icon: e.icon,
      label: (
        <span data-testid={e.testId}>
          {typeof e.label === 'string' ? t(e.label) : e.label[lang === 'en' ? 'en' : 'zh']}
        </span>
      ),
    }),
  );

  const handleClick: MenuProps['onClick'] = ({ key }) => {
    navigate(key);
    onNavigate?.();
  };

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={handleClick}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
