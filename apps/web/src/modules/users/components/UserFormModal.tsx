import { Alert, DatePicker, Form, Input, TreeSelect } from 'antd';
import { UserCreateInput } from '@linli/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { StaffRole } from '@linli/contracts';
import type { UserDetail } from '../../../lib/types';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useCreateUser, useUpdateUser } from '../api';
import { useAreaOptions } from '../useAreaOptions';
import { RoleSelect, useRoleRules } from './RoleSelect';

interface FormValues {
  username: string;
  displayName: string;
  phone?: string;
  roles: StaffRole[];
  areaCodes: string[];
  expiresAt?: Dayjs | null;
}

interface UserFormModalProps {
  /** Edit this user; omitted to create one. */
  user?: UserDetail;
  onClose: () => void;
  onSaved?: (id: string) => void;
}

const field = UserCreateInput.shape;
const endOfDay = (value: unknown) => (dayjs.isDayjs(value) ? value.endOf('day').toISOString() : value);

/** Create or edit a user, checked with UserCreateInput. Mounted only while open. Editing leaves the phone unchanged when left empty. */
export function UserFormModal({ user, onClose, onSaved }: UserFormModalProps) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<FormValues>();
  const areas = useAreaOptions();
  const roleRules = useRoleRules();
  const create = useCreateUser({ form, success: 'app.done' });
  const update = useUpdateUser({ form, success: 'app.done' });
  const editing = !!user;
  const usernameMessage = t('users.usernameInvalid');
  const areasMessage = t('users.areasRequired');

  const handleSubmit = (v: FormValues) => {
    const expiresAt = v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null;
    const phone = v.phone?.trim() || undefined;
    const saving = user
      ? update.mutateAsync({
          id: user.id,
          displayName: v.displayName.trim(),
          areaCodes: v.areaCodes,
          expiresAt,
          ...(phone ? { phone } : {}),
        })
      : create.mutateAsync({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          phone,
          roles: v.roles,
          areaCodes: v.areaCodes,
          expiresAt,
        });
    return saving.then((saved) => {
      onClose();
      onSaved?.(saved.id);
    });
  };

  return (
    <FormModal
      title={editing ? t('users.edit') : t('users.create')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okText={t('app.save')}
      error={(editing ? update : create).alertError}
      initialValues={
        user
          ? {
              displayName: user.displayName,
              areaCodes: user.areaCodes,
              expiresAt: user.expiresAt ? dayjs(user.expiresAt) : null,
            }
          : { roles: [], areaCodes: [] }
      }
    >
      {editing ? null : (
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={rules(field.username, {
            messages: { invalid_format: usernameMessage, too_small: usernameMessage, too_big: usernameMessage },
          })}
        >
          <Input
            count={{ show: true, max: schemaLimits(field.username).max }}
            autoComplete="off"
            data-testid="user-form-username"
          />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('users.displayName')} rules={rules(field.displayName)}>
        <Input
          count={{ show: true, max: schemaLimits(field.displayName).max }}
          autoComplete="off"
          data-testid="user-form-displayName"
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        extra={editing && user?.phoneMasked ? user.phoneMasked : undefined}
        rules={rules(field.phone)}
      >
        <Input maxLength={11} inputMode="tel" autoComplete="off" data-testid="user-form-phone" />
      </Form.Item>
      {editing ? null : (
        <Form.Item name="roles" label={t('users.roles')} rules={roleRules}>
          <RoleSelect testId="user-form-roles" />
        </Form.Item>
      )}
      <Form.Item
        name="areaCodes"
        label={t('users.areas')}
        rules={rules(field.areaCodes, { messages: { required: areasMessage, too_small: areasMessage } })}
      >
        <TreeSelect
          multiple
          treeData={areas.treeData}
          loading={areas.loading}
          showSearch
          treeNodeFilterProp="title"
          data-testid="user-form-areas"
        />
      </Form.Item>
      {editing ? null : (
        <Alert
          type="info"
          showIcon
          title={t('users.pendingHint')}
          style={{ marginBottom: 16 }}
          data-testid="user-form-pending-hint"
        />
      )}
      <Form.Item name="expiresAt" label={t('users.expiresAt')} rules={rules(field.expiresAt, { map: endOfDay })}>
        <DatePicker style={{ width: '100%' }} placeholder={t('users.noExpiry')} />
      </Form.Item>
    </FormModal>
  );
}
