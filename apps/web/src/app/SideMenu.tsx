import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSession } from '../modules/auth';
import { ENTRIES, entryVisible, selectedKey } from './menu-entries';

/** Side navigation: the entries the session's permissions make useful (menu-entries.tsx). */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const session = useSession();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();

  const items: MenuProps['items'] = ENTRIES.filter((e) => entryVisible(e, session.permissions)).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: (
      <span data-testid={e.testId}>
        {typeof e.label === 'string' ? t(e.label) : e.label[lang === 'en' ? 'en' : 'zh']}
      </span>
    ),
  }));

  const handleClick: MenuProps['onClick'] = ({ key }) => {
    navigate(key);
    onNavigate?.();
  };

  return (
    <Menu
      data-testid="side-menu"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={handleClick}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
