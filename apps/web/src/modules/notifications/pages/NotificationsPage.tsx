import { Button } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { NotificationInbox } from '../components/NotificationInbox';
import { useNotificationsWords } from '../words';

/** The staff inbox (/notifications). */
export default function NotificationsPage() {
  const w = useNotificationsWords();
  return (
    <>
      <PageHeader
        title={w.title}
        extra={
          <Link to="/notifications/settings" data-testid="notifications-settings-link">
            <Button icon={<SettingOutlined />} tabIndex={-1}>
              {w.settings}
            </Button>
          </Link>
        }
      />
      <NotificationInbox />
    </>
  );
}
