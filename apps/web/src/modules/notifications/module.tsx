import { lazy } from 'react';
import { guardedRoute } from '../../components/RequirePermission';
import type { WebModule } from '../../lib/web-module';
import { MENU_LABEL, OUTBOX_LABEL } from './words';

const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('./pages/NotificationSettingsPage'));
const OutboxPage = lazy(() => import('./pages/OutboxPage'));

/** Found by the shell at build time (app/module-registry.ts): the module's routes and menu entries. */
export const webModule: WebModule = {
  routes: [
    guardedRoute('notifications', 'notifications.read', <NotificationsPage />),
    guardedRoute('notifications/settings', 'notifications.read', <NotificationSettingsPage />),
    guardedRoute('notifications/outbox', 'notifications.outbox.manage', <OutboxPage />),
  ],
  menu: [
    { path: '/notifications', label: MENU_LABEL, testId: 'menu-notifications', permission: 'notifications.read' },
    {
      path: '/notifications/outbox',
      label: OUTBOX_LABEL,
      testId: 'menu-notifications-outbox',
      permission: 'notifications.outbox.manage',
    },
  ],
};
