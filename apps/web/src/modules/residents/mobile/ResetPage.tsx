import { App, Button, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useResetPassword } from '../api';
import { useResidentsWords } from '../words';
import { PhoneAndCodeFields } from './CodeField';

/** 忘记密码: a code to the phone, then a new password (every session of the account ends). */
export default function ResetPage() {
  const w = useResidentsWords();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ phone: string; code: string; newPassword: string }>();
  const reset = useResetPassword({ form });
  const submit = async (values: { phone: string; code: string; newPassword: string }) => {
    await reset.mutateAsync(values);
    void message.success(w.resetDone);
    navigate('/m/login', { replace: true });
  };
  return (
    <>
      <Typography.Title level={2}>{w.forgot}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)} requiredMark={false}>
        <PhoneAndCodeFields form={form} purpose="reset" />
        <Form.Item name="newPassword" label={w.newPassword} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" maxLength={256} data-testid="m-new-password" />
        </Form.Item>
        <ErrorAlert error={reset.alertError} />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={reset.isPending}
          data-testid="m-reset-submit"
        >
          {w.forgot}
        </Button>
      </Form>
      <p style={{ marginTop: 16 }}>
        <Link to="/m/login">{w.haveAccount}</Link>
      </p>
    </>
  );
}
