import { Alert, Form, Input } from 'antd';
import { PartnerAccountCreateInput, type PartnerAccount } from '@linli/contracts/modules/partners';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useCreatePartnerAccount, useResetPartnerPassword } from '../api';
import { usePartnersWords } from '../words';
import { OneTimePassword } from './OneTimePassword';
import { OrganisationSelect } from './OrganisationSelect';

const field = PartnerAccountCreateInput.shape;
interface CreateValues {
  organisationId?: string;
  username: string;
  displayName: string;
  phone?: string;
}

/** A new member account of a partner organisation; the answer's one-time password is shown once, here. */
export function CreateAccountModal({ organisationId, onClose }: { organisationId?: string; onClose: () => void }) {
  const w = usePartnersWords();
  const { rules, validate } = useSchemaForm();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreatePartnerAccount({ form });
  const submit = (v: CreateValues) => {
    const input = {
      organisationId: v.organisationId ?? '',
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
    };
    if (!validate(form, PartnerAccountCreateInput, input)) return;
    return create.mutateAsync(input);
  };
  return (
    <FormModal
      title={w.create}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okTestId="partner-account-submit"
      error={create.alertError}
      initialValues={{ organisationId, username: '', displayName: '', phone: '' }}
      closeTestId="partner-account-done"
      result={create.data ? <OneTimePassword password={create.data.oneTimePassword} /> : undefined}
    >
      <Form.Item name="organisationId" label={w.organisation} rules={rules(field.organisationId)}>
        <OrganisationSelect testId="partner-account-organisation" />
      </Form.Item>
      <Form.Item name="username" label={w.username} rules={rules(field.username)}>
        <Input maxLength={schemaLimits(field.username).max} data-testid="partner-account-username" />
      </Form.Item>
      <Form.Item name="displayName" label={w.displayName} rules={rules(field.displayName)}>
        <Input maxLength={schemaLimits(field.displayName).max} data-testid="partner-account-name" />
      </Form.Item>
      <Form.Item name="phone" label={w.phoneOptional} rules={rules(field.phone)}>
        <Input maxLength={11} inputMode="numeric" data-testid="partner-account-phone" />
      </Form.Item>
    </FormModal>
  );
}

/** A new one-time password for a member who lost theirs (every session of the account ends). */
export function ResetPasswordModal({ account, onClose }: { account: PartnerAccount; onClose: () => void }) {
  const w = usePartnersWords();
  const [form] = Form.useForm<Record<string, never>>();
  const reset = useResetPartnerPassword();
  return (
    <FormModal
      title={`${w.reset} · ${account.displayName}`}
      form={form}
      onSubmit={() => reset.mutateAsync(account.id)}
      onClose={onClose}
      okText={w.reset}
      okTestId="partner-reset-submit"
      error={reset.error}
      result={reset.data ? <OneTimePassword password={reset.data.oneTimePassword} /> : undefined}
    >
      <Alert type="info" showIcon title={w.otpHint} />
    </FormModal>
  );
}
