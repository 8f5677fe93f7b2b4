import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TotpSecret } from '../../../components/TotpSecret';
import { useI18n } from '../../../i18n';
import type { TotpSetup } from '../../../lib/types';
import { TOTP_PATTERN, useSession } from '../../auth';
import { useTotpConfirm, useTotpSetup } from '../api';

/** Binds (or re-binds) an authenticator app: setup returns a secret, a code from the app confirms it. */
export function TotpCard() {
  const session = useSession();
  const { t } = useI18n();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm({ success: 'profile.totpDone' });
  const [pending, setPending] = useState<TotpSetup | null>(null);
  const [form] = Form.useForm<{ code: string }>();

  const handleStart = () => setup.mutate(undefined, { onSuccess: (data) => setPending(data) });
  const handleConfirm = ({ code }: { code: string }) =>
    confirm.mutate(code.trim(), {
      onSuccess: () => {
        setPending(null);
        form.resetFields();
      },
    });

  return (
    <Card
      title={t('profile.totp')}
      extra={
        <Tag color={session.totpEnabled ? 'green' : 'default'} data-testid="totp-status">
          {session.totpEnabled ? t('profile.totpEnabled') : t('profile.totpDisabled')}
        </Tag>
      }
      style={{ height: '100%' }}
    >
      <Flex vertical gap={12}>
        <ErrorAlert error={setup.error ?? confirm.error} />
        {pending ? (
          <>
            <TotpSecret secret={pending.secret} otpauthUri={pending.otpauthUri} />
            <Form form={form} layout="vertical" requiredMark={false} onFinish={handleConfirm}>
              <Form.Item
                name="code"
                label={t('login.totpCode')}
                rules={[{ required: true, pattern: TOTP_PATTERN, message: t('login.totpInvalid') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="totp-confirm-code" />
              </Form.Item>
              <Flex gap={8} wrap>
                <Button onClick={() => setPending(null)}>{t('app.cancel')}</Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={confirm.isPending}
                  disabled={confirm.isPending}
                  data-testid="totp-confirm"
                >
                  {t('profile.totpConfirm')}
                </Button>
              </Flex>
            </Form>
          </>
        ) : (
          <div>
            <Button onClick={handleStart} loading={setup.isPending} data-testid="totp-setup">
              {session.totpEnabled ? t('profile.totpReset') : t('profile.totpStart')}
            </Button>
          </div>
        )}
      </Flex>
    </Card>
  );
}
