import { Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PRIVACY_NOTICE } from '@linli/contracts/modules/residents';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { LoginResult } from '../../../lib/types';
import { useCommunities, useResidentSessionStep } from '../api';
import { useResidentsWords } from '../words';
import { PhoneAndCodeFields } from './CodeField';
import { PrivacyNoticeText } from './PrivacyNotice';

interface SignupValues {
  phone: string;
  code: string;
  displayName: string;
  password: string;
  communityCode: string;
  consent: boolean;
}

/** 注册: phone → code → the name they choose, a password, their community, consent to the notice. */
export default function SignupPage() {
  const w = useResidentsWords();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignupValues>();
  const communities = useCommunities();
  const signup = useResidentSessionStep<Record<string, unknown>>('/m/signup', { form, success: () => w.signupDone });
  const submit = async (v: SignupValues) => {
    const { consent: _consent, ...input } = v;
    const result: LoginResult = await signup.mutateAsync({ ...input, consentVersion: PRIVACY_NOTICE.version });
    if (result.status === 'ok') navigate('/m', { replace: true });
  };
  return (
    <>
      <Typography.Title level={2}>{w.signup}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)} requiredMark={false}>
        <PhoneAndCodeFields form={form} purpose="signup" />
        <Form.Item name="displayName" label={w.name} rules={[{ required: true, max: 20, whitespace: true }]}>
          <Input placeholder={w.namePlaceholder} maxLength={20} data-testid="m-name" />
        </Form.Item>
        <Form.Item name="password" label={w.password} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" maxLength={256} data-testid="m-password" />
        </Form.Item>
        <Form.Item name="communityCode" label={w.community} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={communities.isPending}
            data-testid="m-community"
            aria-label={w.community}
            options={(communities.data?.items ?? []).map((c) => ({
              value: c.code,
              label: c.streetName ? `${c.name}（${c.streetName}）` : c.name,
            }))}
          />
        </Form.Item>
        <PrivacyNoticeText />
        <Form.Item
          name="consent"
          valuePropName="checked"
          style={{ marginTop: 12 }}
          rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(w.consentRequired))) }]}
        >
          <Checkbox data-testid="m-consent">{w.consent}</Checkbox>
        </Form.Item>
        <ErrorAlert error={signup.alertError} testId="m-signup-error" />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={signup.isPending}
          data-testid="m-signup-submit"
        >
          {w.signup}
        </Button>
      </Form>
      <p style={{ marginTop: 16 }}>
        <Link to="/m/login">{w.haveAccount}</Link>
      </p>
    </>
  );
}
