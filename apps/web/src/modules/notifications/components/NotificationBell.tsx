import { Badge } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { interpolate } from '../../../lib/format';
import { useUnreadCount } from '../api';
import { useNotificationsWords } from '../words';

export interface NotificationBellProps {
  /** Where the bell leads: the staff inbox by default, e.g. `/m/notifications` on the resident entry. */
  inboxPath?: string;
  /** Icon size in px (the elder-friendly mode asks for a bigger one). */
  size?: number;
}

/** The bell with the unread count; a link to the inbox. Renders for every signed-in account. */
export function NotificationBell({ inboxPath = '/notifications', size = 18 }: NotificationBellProps) {
  const w = useNotificationsWords();
  const unread = useUnreadCount();
  const n = unread.data?.unread ?? 0;
  return (
    <Link
      to={inboxPath}
      aria-label={interpolate(w.bell, { n })}
      data-testid="notification-bell"
      data-count={n}
      style={{
        color: 'inherit',
        display: 'inline-flex',
        alignItems: 'center',
        padding: 8,
        minWidth: 44,
        minHeight: 44,
      }}
    >
      <Badge count={n} overflowCount={99} size="small" data-testid="notification-badge">
        <BellOutlined style={{ fontSize: size, color: 'inherit' }} />
      </Badge>
    </Link>
  );
}
