import { useState } from 'react';
import { App, Form, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { Role, UserDetail } from '../../../lib/types';
import { useSetUserRoles } from '../api';
import { RoleSelect, useRoleRules } from './RoleSelect';

/** Role assignment (security admin): replaces the user's whole role set. */
export function RolesModal({ user, onClose }: { user: UserDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const rules = useRoleRules();
  const setRoles = useSetUserRoles();
  const [error, setError] = useState<unknown>(null);

  const handleFinish = ({ roles }: { roles: Role[] }) =>
    setRoles.mutate(
      { id: user.id, roles },
      {
        onSuccess: () => {
          void message.success(t('app.done'));
          onClose();
        },
        onError: setError,
      },
    );

  return (
    <Modal
      open
      title={`${t('users.assignRoles')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={setRoles.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles }} onFinish={handleFinish}>
        <Form.Item name="roles" label={t('users.roles')} rules={rules}>
          <RoleSelect testId="user-roles-select" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
