import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Space, type FormInstance } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRequestCode } from '../api';
import { fill, useResidentsWords } from '../words';

const PHONE = /^1\d{10}$/;

/** Mobile number and the SMS code, with a "get a code" button that waits 60 s between requests (the server's limit). */
export function PhoneAndCodeFields({ form, purpose }: { form: FormInstance; purpose: 'signup' | 'reset' }) {
  const w = useResidentsWords();
  const { message } = App.useApp();
  const request = useRequestCode({ form });
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait(wait - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);
  const ask = async () => {
    const phone = (await form.validateFields(['phone'])).phone as string;
    await request.mutateAsync({ phone, purpose });
    setWait(60);
    void message.success(w.codeSent);
  };
  return (
    <>
      <Form.Item name="phone" label={w.phone} rules={[{ required: true, pattern: PHONE, message: w.phone }]}>
        <Input inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="m-phone" />
      </Form.Item>
      <Form.Item label={w.code} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: w.code }]}>
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              aria-label={w.code}
              data-testid="m-code"
            />
          </Form.Item>
          <Button
            onClick={() => void ask().catch(() => undefined)}
            disabled={wait > 0}
            loading={request.isPending}
            data-testid="m-get-code"
          >
            {wait > 0 ? fill(w.resendIn, { n: wait }) : w.getCode}
          </Button>
        </Space.Compact>
      </Form.Item>
      <ErrorAlert error={request.alertError} testId="m-code-error" />
    </>
  );
}
