import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LangSwitch } from '../../../components/LangSwitch';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useI18n, type MessageKey } from '../../../i18n';
import type { LoginResult, SessionSummary } from '../../../lib/types';
import { OtherSessionsStep } from '../components/OtherSessionsStep';
import { CredentialsForm } from '../components/CredentialsForm';
import { PasswordStep } from '../components/PasswordStep';
import { TotpStep } from '../components/TotpStep';
import { clearSessionLostCode, peekSessionLostCode } from '../session-notice';
import { useLogin, useLoginPassword, useLoginTotp, usePublicConfig, useSessionQuery } from '../api';

type Step =
  | Exclude<LoginResult, { status: 'ok' }>
  | { status: 'credentials' }
  | { status: 'other_sessions'; sessions: SessionSummary[] };

interface LoginLocationState {
  from?: string;
  notice?: MessageKey;
}

/** Multi-step login: credentials, then whatever the server asks for (TOTP, TOTP setup, password change). */
export default function LoginPage() {
  const { t, errorCodeMessage } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const session = useSessionQuery();
  const config = usePublicConfig();
  const login = useLogin();
  const loginTotp = useLoginTotp();
  const loginPassword = useLoginPassword();
  const [step, setStep] = useState<Step>({ status: 'credentials' });
  const [error, setError] = useState<unknown>(null);
  const [lostCode] = useState(peekSessionLostCode);
  useEffect(() => clearSessionLostCode(), []);

  const target = state.from && state.from !== '/login' ? state.from : '/';

  const handleResult = (result: LoginResult) => {
    setError(null);
    if (result.status === 'ok') {
      // Other live sessions are shown before going on, so an unexpected one is noticed (F13).
      if (result.otherSessions.length) setStep({ status: 'other_sessions', sessions: result.otherSessions });
      else navigate(target, { replace: true });
    } else setStep(result);
  };
  const handleCancel = () => {
    setError(null);
    setStep({ status: 'credentials' });
  };
  const callbacks = { onSuccess: handleResult, onError: (e: unknown) => setError(e) };

  if (session.isPending) return <Loading minHeight="100vh" />;
  if (session.data && step.status === 'credentials') return <Navigate to={target} replace />;

  const pending = login.isPending || loginTotp.isPending || loginPassword.isPending;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex justify="space-between" align="flex-start" gap={8} style={{ marginBottom: 16 }}>
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          <LangSwitch compact />
        </Flex>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          {config.data?.demoMode ? (
            <Alert type="warning" showIcon data-testid="demo-notice" title={t('login.demoNotice')} />
          ) : null}
          {state.notice && !error && step.status === 'credentials' ? (
            <Alert type="info" showIcon title={t(state.notice)} data-testid="login-notice" />
          ) : null}
          {lostCode && !state.notice && !error && step.status === 'credentials' ? (
            <Alert type="warning" showIcon title={errorCodeMessage(lostCode)} data-testid="login-notice" />
          ) : null}
          <ErrorAlert error={error} testId="login-error" />
        </Flex>
        {step.status === 'credentials' ? (
          <CredentialsForm pending={pending} onSubmit={(values) => login.mutate(values, callbacks)} />
        ) : null}
        {step.status === 'totp_required' || step.status === 'totp_setup_required' ? (
          <TotpStep
            setup={
              step.status === 'totp_setup_required' ? { secret: step.secret, otpauthUri: step.otpauthUri } : undefined
            }
            pending={pending}
            onCancel={handleCancel}
            onSubmit={(code) => loginTotp.mutate({ challengeId: step.challengeId, code }, callbacks)}
          />
        ) : null}
        {step.status === 'other_sessions' ? (
          <OtherSessionsStep sessions={step.sessions} onDone={() => navigate(target, { replace: true })} />
        ) : null}
        {step.status === 'password_change_required' ? (
          <PasswordStep
            reason={step.reason}
            pending={pending}
            onCancel={handleCancel}
            onSubmit={(newPassword) => loginPassword.mutate({ challengeId: step.challengeId, newPassword }, callbacks)}
          />
        ) : null}
        {config.data ? (
          <Typography.Text
            type="secondary"
            style={{ display: 'block', marginTop: 16, fontSize: 12, textAlign: 'center' }}
          >
            {t('app.version', { version: config.data.version })}
          </Typography.Text>
        ) : null}
      </Card>
    </Flex>
  );
}
