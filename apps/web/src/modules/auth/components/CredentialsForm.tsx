import { Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';

export interface Credentials {
  username: string;
  password: string;
}

/** Username + password; the parent turns the server's LoginResult into the next step. */
export function CredentialsForm({ pending, onSubmit }: { pending: boolean; onSubmit: (values: Credentials) => void }) {
  const { t } = useI18n();
  return (
    <Form<Credentials> layout="vertical" onFinish={onSubmit} requiredMark={false} autoComplete="on">
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          data-testid="login-username"
          prefix={<UserOutlined />}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password
          data-testid="login-password"
          prefix={<LockOutlined />}
          autoComplete="current-password"
          maxLength={256}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
