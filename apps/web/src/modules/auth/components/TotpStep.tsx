import { Button, Flex, Form, Input, Typography } from 'antd';
import { TotpSecret } from '../../../components/TotpSecret';
import { useI18n } from '../../../i18n';

interface TotpStepProps {
  /** Present when the account must first bind an authenticator (totp_setup_required). */
  setup?: { secret: string; otpauthUri: string };
  pending: boolean;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}

export const TOTP_PATTERN = /^\d{6}$/;

/** The second step: a 6-digit code, after showing the secret when the account is binding one. */
export function TotpStep({ setup, pending, onSubmit, onCancel }: TotpStepProps) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {setup ? t('login.setupTitle') : t('login.totpTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {setup ? t('login.setupHint') : t('login.totpHint')}
      </Typography.Paragraph>
      {setup ? <TotpSecret secret={setup.secret} otpauthUri={setup.otpauthUri} /> : null}
      <Form<{ code: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => onSubmit(values.code.trim())}
      >
        <Form.Item
          name="code"
          label={t('login.totpCode')}
          rules={[{ required: true, pattern: TOTP_PATTERN, message: t('login.totpInvalid') }]}
        >
          <Input
            data-testid="login-totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            style={{ letterSpacing: 4, fontSize: 18 }}
          />
        </Form.Item>
        <Flex gap={8}>
          <Button onClick={onCancel}>{t('login.backToLogin')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={pending}
            style={{ flex: 1 }}
            data-testid="login-totp-submit"
          >
            {t('login.verify')}
          </Button>
        </Flex>
      </Form>
    </Flex>
  );
}
