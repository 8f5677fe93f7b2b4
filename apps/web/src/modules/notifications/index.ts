/**
 * The notifications module's public surface (the shell finds module.tsx by itself). The bell and the inbox render on
 * the staff layout and on the resident entry (/m): pass `inboxPath` / `linkFor` for the latter.
 */
export { webModule } from './module';
export { NotificationBell, type NotificationBellProps } from './components/NotificationBell';
export { NotificationInbox, type NotificationInboxProps } from './components/NotificationInbox';
export { NotificationSettings } from './components/NotificationSettings';
export { OutboxPanel } from './components/OutboxPanel';
export { useUnreadCount } from './api';
