import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { dropSession } from '../../auth/api';
import { NewPasswordFields } from '../../auth/components/NewPasswordFields';
import { useChangePassword } from '../api';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change password; on success every session ends, so the user goes back to the login page. */
export function ChangePasswordCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useChangePassword();
  const [error, setError] = useState<unknown>(null);

  const handleFinish = (values: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          dropSession(queryClient);
          navigate('/login', { replace: true, state: { notice: 'login.passwordChangedRelogin' } });
        },
        onError: setError,
      },
    );
  };

  return (
    <Card title={t('profile.changePassword')} style={{ height: '100%' }}>
      <Alert type="info" showIcon title={t('profile.passwordHint')} style={{ marginBottom: 16 }} />
      <Form<PasswordForm> layout="vertical" requiredMark={false} onFinish={handleFinish} data-testid="change-password-form">
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('profile.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} data-testid="current-password" />
        </Form.Item>
        <NewPasswordFields differentFrom="currentPassword" />
        {error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
