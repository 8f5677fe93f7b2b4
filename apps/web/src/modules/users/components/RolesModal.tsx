import { Form } from 'antd';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { Role, UserDetail } from '../../../lib/types';
import { useSetUserRoles } from '../api';
import { RoleSelect, useRoleRules } from './RoleSelect';

/** Role assignment (security admin): replaces the user's whole role set. */
export function RolesModal({ user, onClose }: { user: UserDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const rules = useRoleRules();
  const setRoles = useSetUserRoles({ form, success: 'app.done' });

  return (
    <FormModal
      title={`${t('users.assignRoles')} · ${user.displayName}`}
      form={form}
      onSubmit={({ roles }) => setRoles.mutateAsync({ id: user.id, roles }).then(onClose)}
      onClose={onClose}
      okText={t('app.save')}
      error={setRoles.alertError}
      initialValues={{ roles: user.roles }}
    >
      <Form.Item name="roles" label={t('users.roles')} rules={rules}>
        <RoleSelect testId="user-roles-select" />
      </Form.Item>
    </FormModal>
  );
}
