import { Flex, Switch, Typography, theme } from 'antd';
import { HomeOutlined, MessageOutlined, NotificationOutlined, UserOutlined } from '@ant-design/icons';
import { NavLink, Outlet } from 'react-router-dom';
import { LangSwitch } from '../../../components/LangSwitch';
import { useSessionQuery } from '../../auth';
import { useSetElderMode } from '../api';
import { useResidentsWords } from '../words';
import { ElderModeProvider, useElderMode } from './elder-mode';

/** The 适老化 switch: on the account once signed in, and in this browser before. */
export function ElderSwitch() {
  const w = useResidentsWords();
  const elder = useElderMode();
  const session = useSessionQuery();
  const save = useSetElderMode();
  const resident = session.data?.roles.includes('resident') ?? false;
  return (
    <Flex align="center" gap={8}>
      <Typography.Text>{w.elder}</Typography.Text>
      <Switch
        checked={elder.on}
        aria-label={w.elder}
        data-testid="m-elder-switch"
        onChange={(on) => {
          elder.set(on);
          if (resident) save.mutate(on);
        }}
      />
    </Flex>
  );
}

function BottomNav() {
  const w = useResidentsWords();
  const { token } = theme.useToken();
  const items = [
    { to: '/m', end: true, label: w.home, icon: <HomeOutlined />, testId: 'm-nav-home' },
    { to: '/m/notices', end: false, label: w.notices, icon: <NotificationOutlined />, testId: 'm-nav-notices' },
    { to: '/m/inbox', end: false, label: w.inbox, icon: <MessageOutlined />, testId: 'm-nav-inbox' },
    { to: '/m/me', end: false, label: w.me, icon: <UserOutlined />, testId: 'm-nav-me' },
  ];
  return (
    <nav
      aria-label={w.app}
      style={{
        position: 'fixed',
        bottom: 0,
        left: 0,
        right: 0,
        display: 'flex',
        background: token.colorBgContainer,
        borderTop: `${token.lineWidth}px solid ${token.colorBorder}`,
      }}
    >
      {items.map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.end}
          data-testid={item.testId}
          style={({ isActive }) => ({
            flex: 1,
            minHeight: 56,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            color: isActive ? token.colorPrimary : token.colorText,
            fontWeight: isActive ? 600 : 400,
          })}
        >
          {item.icon}
          <span>{item.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}

function ShellBody() {
  const w = useResidentsWords();
  const elder = useElderMode();
  const { token } = theme.useToken();
  const session = useSessionQuery();
  const signedIn = session.data?.roles.includes('resident') ?? false;
  return (
    <div
      data-testid="m-root"
      data-elder={elder.on ? 'on' : 'off'}
      style={{
        minHeight: '100vh',
        fontSize: token.fontSize,
        lineHeight: 1.6,
        color: token.colorText,
        background: token.colorBgLayout,
        paddingBottom: signedIn ? 72 : 0,
      }}
    >
      <header style={{ padding: '8px 16px', background: token.colorBgContainer }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={1} style={{ fontSize: token.fontSize * 1.25, margin: 0 }}>
            {w.app}
          </Typography.Title>
          <Flex align="center" gap={8} wrap>
            <ElderSwitch />
            <LangSwitch compact />
          </Flex>
        </Flex>
      </header>
      <main style={{ padding: 16, maxWidth: 640, margin: '0 auto' }}>
        <Outlet />
      </main>
      {signedIn ? <BottomNav /> : null}
    </div>
  );
}

/** The residents' entry /m: its own layout (no staff menu), the 适老化 theme around everything in it. */
export function MobileShell() {
  return (
    <ElderModeProvider>
      <ShellBody />
    </ElderModeProvider>
  );
}
