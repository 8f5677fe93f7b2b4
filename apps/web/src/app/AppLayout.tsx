import { Suspense, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Typography, theme } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet } from 'react-router-dom';
import { LangSwitch } from '../components/LangSwitch';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { NotificationBell } from '../modules/notifications';
import { AreaSwitcher } from './AreaSwitcher';
import { ErrorBoundary } from './ErrorBoundary';
import { PageWatermark } from './PageWatermark';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';

/** The signed-in shell: header, side menu (a drawer on phones) and the routed page. */
export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { t } = useI18n();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: isPhone ? 6 : 16,
          padding: isPhone ? '0 8px' : '0 24px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {isPhone ? (
          <Button
            type="text"
            data-testid="menu-toggle"
            aria-label={t('app.openMenu')}
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Typography.Text strong style={{ fontSize: isPhone ? 16 : 18, whiteSpace: 'nowrap' }}>
          {isPhone ? t('app.shortName') : t('app.name')}
        </Typography.Text>
        <Flex flex={1} justify="flex-end" align="center" gap={isPhone ? 4 : 12} style={{ minWidth: 0 }}>
          <AreaSwitcher width={isPhone ? 120 : 220} />
          <LangSwitch compact={isPhone} />
          <NotificationBell />
          <UserMenu compact={isPhone} />
        </Flex>
      </Layout.Header>
      <Layout>
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            width={208}
            theme="light"
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <PageWatermark>
            <ErrorBoundary>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </PageWatermark>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
