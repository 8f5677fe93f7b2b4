import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { UserDetail } from '../../../lib/types';
import { NewPasswordFields } from '../../auth/components/NewPasswordFields';
import { useResetUserPassword } from '../api';

/** Sets a temporary password; the server forces a change at the user's next login. */
export function ResetPasswordModal({ user, onClose }: { user: UserDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetUserPassword();
  const [error, setError] = useState<unknown>(null);

  const handleFinish = ({ newPassword }: { newPassword: string }) =>
    reset.mutate(
      { id: user.id, newPassword },
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
      title={`${t('users.resetPassword')} · ${user.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={reset.isPending}
    >
      <Alert type="info" showIcon title={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={handleFinish}>
        <NewPasswordFields />
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}
