import { useState } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { OneTimePasswordResult, UserDetail } from '../../../lib/types';
import { useActivateUser, useResetUserPassword } from '../api';

/**
 * Activation or password reset (F6): the server generates a one-time password and answers with it once. It is shown
 * here, to the supervisor (or security administrator) who hands it to the person; it must be changed at first login.
 */
export function OneTimePasswordModal({ user, mode, onClose }: { user: UserDetail; mode: 'activate' | 'reset'; onClose: () => void }) {
  const { t } = useI18n();
  const reset = useResetUserPassword();
  const activate = useActivateUser();
  const running = mode === 'activate' ? activate : reset;
  const [result, setResult] = useState<OneTimePasswordResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const title = `${mode === 'activate' ? t('users.activate') : t('users.resetPassword')} · ${user.displayName}`;

  const handleIssue = () => {
    setError(null);
    running.mutate(user.id, { onSuccess: setResult, onError: setError });
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={result ? (
        <Button type="primary" onClick={onClose} data-testid="otp-done">{t('users.oneTimeDone')}</Button>
      ) : (
        <>
          <Button onClick={onClose}>{t('app.cancel')}</Button>
          <Button type="primary" loading={running.isPending} disabled={running.isPending} onClick={handleIssue} data-testid="otp-issue">
            {mode === 'activate' ? t('users.activate') : t('users.resetPassword')}
          </Button>
        </>
      )}
    >
      {result ? (
        <>
          <Alert type="warning" showIcon title={t('users.oneTimeShownOnce')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph copyable={{ text: result.oneTimePassword }} style={{ fontSize: 24, fontFamily: 'monospace', textAlign: 'center' }} data-testid="otp-value">
            {result.oneTimePassword}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('users.oneTimeHint')}</Typography.Paragraph>
        </>
      ) : (
        <Alert type="info" showIcon title={mode === 'activate' ? t('users.activateHint') : t('users.resetPasswordHint')} />
      )}
      <ErrorAlert error={error} />
    </Modal>
  );
}
