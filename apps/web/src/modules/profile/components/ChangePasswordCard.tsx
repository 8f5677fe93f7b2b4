import { Alert, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { dropSession, NewPasswordFields } from '../../auth';
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
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword({ form });

  const handleFinish = (values: PasswordForm) => {
    if (change.isPending) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          dropSession(queryClient);
          navigate('/login', { replace: true, state: { notice: 'login.passwordChangedRelogin' } });
        },
      },
    );
  };

  return (
    <Card title={t('profile.changePassword')} style={{ height: '100%' }}>
      <Alert type="info" showIcon title={t('profile.passwordHint')} style={{ marginBottom: 16 }} />
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={handleFinish}
        data-testid="change-password-form"
      >
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('profile.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" maxLength={256} data-testid="current-password" />
        </Form.Item>
        <NewPasswordFields differentFrom="currentPassword" />
        {change.alertError ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={change.alertError} />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={change.isPending}
          disabled={change.isPending}
          data-testid="change-password-submit"
        >
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
