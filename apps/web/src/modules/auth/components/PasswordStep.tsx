import { Alert, Button, Flex, Form, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { NewPasswordFields } from './NewPasswordFields';

interface PasswordStepProps {
  reason: 'expired' | 'reset';
  pending: boolean;
  onSubmit: (newPassword: string) => void;
  onCancel: () => void;
}

/** Forced password change during login (expired, or reset by an administrator). */
export function PasswordStep({ reason, pending, onSubmit, onCancel }: PasswordStepProps) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('login.pwdChangeTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={reason === 'expired' ? t('login.pwdExpired') : t('login.pwdReset')} />
      <Form<{ newPassword: string }> layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v.newPassword)}>
        <NewPasswordFields />
        <Flex gap={8}>
          <Button onClick={onCancel}>{t('login.backToLogin')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={pending}
            style={{ flex: 1 }}
            data-testid="login-password-submit"
          >
            {t('app.submit')}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
