import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useResidentSessionStep } from '../api';
import { useResidentsWords } from '../words';

/** 登录 on /m: phone and password (only residents' accounts; staff use the workbench login). */
export default function LoginPage() {
  const w = useResidentsWords();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ phone: string; password: string }>();
  const login = useResidentSessionStep<{ phone: string; password: string }>('/m/login', { form });
  const [mustReset, setMustReset] = useState(false);
  const submit = async (values: { phone: string; password: string }) => {
    const result = await login.mutateAsync(values);
    // A password past its expiry is renewed through 忘记密码 (the code proves the phone).
    if (result.status === 'ok') navigate('/m', { replace: true });
    else setMustReset(true);
  };
  return (
    <>
      <Typography.Title level={2}>{w.login}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)} requiredMark={false}>
        <Form.Item name="phone" label={w.phone} rules={[{ required: true, pattern: /^1\d{10}$/, message: w.phone }]}>
          <Input inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="m-login-phone" />
        </Form.Item>
        <Form.Item name="password" label={w.password} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" maxLength={256} data-testid="m-login-password" />
        </Form.Item>
        <ErrorAlert error={login.alertError} testId="m-login-error" />
        {mustReset ? <Alert type="warning" showIcon title={w.forgot} /> : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={login.isPending}
          data-testid="m-login-submit"
        >
          {w.login}
        </Button>
      </Form>
      <EntryLinks />
    </>
  );
}

function EntryLinks() {
  const w = useResidentsWords();
  return (
    <nav style={{ marginTop: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Link to="/m/signup" data-testid="m-to-signup">
        {w.noAccount}
      </Link>
      <Link to="/m/reset" data-testid="m-to-reset">
        {w.forgot}
      </Link>
      <Link to="/login">{w.staffEntry}</Link>
    </nav>
  );
}
