import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { applyFieldErrors } from '../../../lib/errors';
import type { Role, UserDetail } from '../../../lib/types';
import { useCreateUser, useUpdateUser } from '../api';
import { useAreaOptions } from '../useAreaOptions';
import { RoleSelect, useRoleRules } from './RoleSelect';

interface FormValues {
  username: string;
  displayName: string;
  phone?: string;
  roles: Role[];
  areaCodes: string[];
  expiresAt?: Dayjs | null;
}

interface UserFormModalProps {
  /** Edit this user; omitted to create one. */
  user?: UserDetail;
  onClose: () => void;
  onSaved?: (id: string) => void;
}

/** Create or edit a user. Mounted only while open. Editing leaves the phone unchanged when left empty. */
export function UserFormModal({ user, onClose, onSaved }: UserFormModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const areas = useAreaOptions();
  const roleRules = useRoleRules();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [error, setError] = useState<unknown>(null);
  const editing = !!user;

  const handleError = (e: unknown) => setError(applyFieldErrors(form, e) ? null : e);
  const handleSaved = (saved: { id: string }) => {
    void message.success(t('app.done'));
    onClose();
    onSaved?.(saved.id);
  };

  const handleFinish = (v: FormValues) => {
    setError(null);
    const expiresAt = v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null;
    const phone = v.phone?.trim() || undefined;
    if (user) {
      update.mutate(
        { id: user.id, displayName: v.displayName.trim(), areaCodes: v.areaCodes, expiresAt, ...(phone ? { phone } : {}) },
        { onSuccess: handleSaved, onError: handleError },
      );
    } else {
      create.mutate(
        { username: v.username.trim(), displayName: v.displayName.trim(), phone, roles: v.roles, areaCodes: v.areaCodes, expiresAt },
        { onSuccess: handleSaved, onError: handleError },
      );
    }
  };

  const required = { required: true, whitespace: true, message: t('users.required') };
  return (
    <Modal
      open
      title={editing ? t('users.edit') : t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={create.isPending || update.isPending}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        initialValues={
          user
            ? { displayName: user.displayName, areaCodes: user.areaCodes, expiresAt: user.expiresAt ? dayjs(user.expiresAt) : null }
            : { roles: [], areaCodes: [] }
        }
      >
        {editing ? null : (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[required, { pattern: /^[a-zA-Z0-9._-]{3,40}$/, message: t('users.usernameInvalid') }]}
          >
            <Input maxLength={40} autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required, { max: 40 }]}>
          <Input maxLength={40} autoComplete="off" data-testid="user-form-displayName" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={editing && user?.phoneMasked ? user.phoneMasked : undefined}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneInvalid') }]}
        >
          <Input maxLength={11} inputMode="tel" autoComplete="off" data-testid="user-form-phone" />
        </Form.Item>
        {editing ? null : (
          <Form.Item name="roles" label={t('users.roles')} rules={roleRules}>
            <RoleSelect testId="user-form-roles" />
          </Form.Item>
        )}
        <Form.Item name="areaCodes" label={t('users.areas')} rules={[{ required: true, type: 'array', min: 1, message: t('users.areasRequired') }]}>
          <TreeSelect
            multiple
            treeData={areas.treeData}
            loading={areas.loading}
            showSearch
            treeNodeFilterProp="title"
            data-testid="user-form-areas"
          />
        </Form.Item>
        {editing ? null : <Alert type="info" showIcon title={t('users.pendingHint')} style={{ marginBottom: 16 }} data-testid="user-form-pending-hint" />}
        <Form.Item name="expiresAt" label={t('users.expiresAt')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('users.noExpiry')} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
