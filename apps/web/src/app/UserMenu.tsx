import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useLogout, useSession } from '../modules/auth';

/** The signed-in user's name with Profile and Log out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const session = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = App.useApp();

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: <span data-testid="user-menu-profile">{t('menu.profile')}</span> },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('menu.logout')}</span>,
    },
  ];

  const handleClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'logout') {
      logout.mutate(undefined, {
        onSettled: () => {
          navigate('/login', { replace: true, state: { notice: 'login.sessionEnded' } });
          message.destroy();
        },
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick: handleClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        data-testid="user-menu"
        aria-label={t('menu.userMenu')}
        icon={<UserOutlined />}
        style={{ color: 'inherit', maxWidth: compact ? 44 : 200 }}
      >
        {compact ? null : (
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {session.user.displayName}
          </span>
        )}
        {compact ? null : <DownOutlined />}
      </Button>
    </Dropdown>
  );
}
