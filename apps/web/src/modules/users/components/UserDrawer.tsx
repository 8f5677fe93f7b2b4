import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Grid } from 'antd';
import { can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { RoleTags } from '../../../components/RoleTags';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { UserDetail } from '../../../lib/types';
import {
  useConfirmTotpReset,
  useEndUserSessions,
  useRequestTotpReset,
  useSetUserStatus,
  useUnlockUser,
  useUser,
} from '../api';
import { useAreaOptions } from '../useAreaOptions';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { RolesModal } from './RolesModal';
import { UserFormModal } from './UserFormModal';
import { UserStatusTag } from './UserStatusTag';

type Dialog = 'edit' | 'roles' | 'reset' | 'activate' | null;

function UserActions({ user }: { user: UserDetail }) {
  const { t, errorMessage } = useI18n();
  const { modal, message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const setStatus = useSetUserStatus({ success: 'app.done' });
  const unlock = useUnlockUser({ success: 'app.done' });
  const endSessions = useEndUserSessions({ success: 'app.done' });
  const requestTotpReset = useRequestTotpReset({ success: 'app.done' });
  const confirmTotpReset = useConfirmTotpReset({ success: 'app.done' });
  const allowed = user.allowedActions;
  const fail = (error: unknown) => void message.error(errorMessage(error));

  const confirm = (title: string, run: () => Promise<unknown>) =>
    void modal.confirm({ title, okText: t('app.ok'), cancelText: t('app.cancel'), onOk: () => run().catch(fail) });

  return (
    <Flex wrap gap={8}>
      {can(allowed, 'update') ? (
        <Button onClick={() => setDialog('edit')} data-testid="user-edit">
          {t('users.edit')}
        </Button>
      ) : null}
      {can(allowed, 'assign_roles') ? (
        <Button onClick={() => setDialog('roles')} data-testid="user-assign-roles">
          {t('users.assignRoles')}
        </Button>
      ) : null}
      {can(allowed, 'unlock') ? (
        <Button
          loading={unlock.isPending}
          disabled={unlock.isPending}
          onClick={() => unlock.mutate(user.id, { onError: fail })}
          data-testid="user-unlock"
        >
          {t('users.unlock')}
        </Button>
      ) : null}
      {can(allowed, 'enable') ? (
        <Button
          loading={setStatus.isPending}
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: user.id, enabled: true }, { onError: fail })}
          data-testid="user-enable"
        >
          {t('users.enable')}
        </Button>
      ) : null}
      {can(allowed, 'disable') ? (
        <Button
          danger
          onClick={() =>
            confirm(t('users.disableConfirm'), () => setStatus.mutateAsync({ id: user.id, enabled: false }))
          }
          data-testid="user-disable"
        >
          {t('users.disable')}
        </Button>
      ) : null}
      {can(allowed, 'activate') ? (
        <Button type="primary" onClick={() => setDialog('activate')} data-testid="user-activate">
          {t('users.activate')}
        </Button>
      ) : null}
      {can(allowed, 'request_totp_reset') ? (
        <Button
          onClick={() => confirm(t('users.totpResetRequestConfirm'), () => requestTotpReset.mutateAsync(user.id))}
          data-testid="user-totp-reset"
        >
          {t('users.totpResetRequest')}
        </Button>
      ) : null}
      {can(allowed, 'confirm_totp_reset') ? (
        <Button
          danger
          onClick={() => confirm(t('users.totpResetConfirmConfirm'), () => confirmTotpReset.mutateAsync(user.id))}
          data-testid="user-totp-reset-confirm"
        >
          {t('users.totpResetConfirm')}
        </Button>
      ) : null}
      {can(allowed, 'reset_password') ? (
        <Button onClick={() => setDialog('reset')} data-testid="user-reset-password">
          {t('users.resetPassword')}
        </Button>
      ) : null}
      {can(allowed, 'end_sessions') ? (
        <Button
          danger
          onClick={() => confirm(t('users.endSessionsConfirm'), () => endSessions.mutateAsync(user.id))}
          data-testid="user-end-sessions"
        >
          {t('users.endSessions')}
        </Button>
      ) : null}
      {dialog === 'edit' ? <UserFormModal user={user} onClose={() => setDialog(null)} /> : null}
      {dialog === 'roles' ? <RolesModal user={user} onClose={() => setDialog(null)} /> : null}
      {dialog === 'reset' || dialog === 'activate' ? (
        <OneTimePasswordModal user={user} mode={dialog} onClose={() => setDialog(null)} />
      ) : null}
    </Flex>
  );
}

/** User detail in a drawer (full width on phones), with the actions the server allows for this user. */
export function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const user = useUser(userId);
  const areas = useAreaOptions();
  const u = user.data;

  return (
    <Drawer
      open={!!userId}
      onClose={onClose}
      title={t('users.detail')}
      size={screens.md ? 560 : '100%'}
      data-testid="user-drawer"
    >
      {user.isPending && userId ? <Loading /> : null}
      <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />
      {u ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'name', label: t('users.displayName'), children: u.displayName },
              { key: 'username', label: t('users.username'), children: u.username },
              { key: 'phone', label: t('users.phone'), children: u.phoneMasked ?? '—' },
              { key: 'status', label: t('users.status'), children: <UserStatusTag status={u.status} /> },
              { key: 'roles', label: t('users.roles'), children: <RoleTags roles={u.roles} /> },
              { key: 'areas', label: t('users.areas'), children: u.areaCodes.map(areas.nameOf).join('、') || '—' },
              {
                key: 'totp',
                label: t('users.totp'),
                children: `${u.totpEnabled ? t('app.yes') : t('app.no')}${u.totpResetPending ? ` · ${t('users.totpResetPending')}` : ''}`,
              },
              {
                key: 'lastLogin',
                label: t('users.lastLogin'),
                children: u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.never'),
              },
              { key: 'created', label: t('users.createdAt'), children: formatDateTime(u.createdAt) },
              { key: 'pwd', label: t('users.passwordChangedAt'), children: formatDateTime(u.passwordChangedAt) },
              {
                key: 'expires',
                label: t('users.expiresAt'),
                children: u.expiresAt ? formatDateTime(u.expiresAt) : t('users.noExpiry'),
              },
            ]}
          />
          <UserActions user={u} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
