import { Alert, Form, Typography } from 'antd';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { UserDetail } from '../../../lib/types';
import { useActivateUser, useResetUserPassword } from '../api';

/**
 * Activation or password reset (F6): the server generates a one-time password and answers with it once. It is shown
 * here, to the supervisor (or security administrator) who hands it to the person; it must be changed at first login.
 */
export function OneTimePasswordModal({
  user,
  mode,
  onClose,
}: {
  user: UserDetail;
  mode: 'activate' | 'reset';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, never>>();
  const reset = useResetUserPassword();
  const activate = useActivateUser();
  const running = mode === 'activate' ? activate : reset;
  const action = mode === 'activate' ? t('users.activate') : t('users.resetPassword');
  const result = running.data;

  return (
    <FormModal
      title={`${action} · ${user.displayName}`}
      form={form}
      onSubmit={() => running.mutateAsync(user.id)}
      onClose={onClose}
      okText={action}
      okTestId="otp-issue"
      error={running.error}
      closeText={t('users.oneTimeDone')}
      closeTestId="otp-done"
      result={
        result ? (
          <>
            <Alert type="warning" showIcon title={t('users.oneTimeShownOnce')} style={{ marginBottom: 16 }} />
            <Typography.Paragraph
              copyable={{ text: result.oneTimePassword }}
              style={{ fontSize: 24, fontFamily: 'monospace', textAlign: 'center' }}
              data-testid="otp-value"
            >
              {result.oneTimePassword}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('users.oneTimeHint')}</Typography.Paragraph>
          </>
        ) : undefined
      }
    >
      <Alert
        type="info"
        showIcon
        title={mode === 'activate' ? t('users.activateHint') : t('users.resetPasswordHint')}
      />
    </FormModal>
  );
}
