import { Form, Input, Radio, Select } from 'antd';
import {
  PROVIDER_TYPES,
  ReferralInput,
  ReferralReportInput,
  ReferralResponseInput,
  ReferralWithdrawInput,
} from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { OTHER_PROVIDER, OrganisationSelect } from '../../../partners';
import { useI18n, type MessageKey } from '../../../../i18n';
import { schemaLimits, useSchemaForm, type Schema } from '../../../../lib/schema-form';
import type { Referral, ReferralInput as ReferralInputValue } from '../../shared/types';
import { useReferralStep, useSendReferral } from '../api';

const field = ReferralInput.shape;

interface SendValues {
  organisationId?: string;
  providerName?: string;
  providerType?: ReferralInputValue['providerType'];
  service: string;
}

/** Who the referral goes to: an organisation of the partner register, or "其他" with its name and type. */
function toInput(v: SendValues): ReferralInputValue {
  const service = v.service.trim();
  if (v.organisationId && v.organisationId !== OTHER_PROVIDER) return { organisationId: v.organisationId, service };
  return { providerName: (v.providerName ?? '').trim(), providerType: v.providerType ?? 'social_org', service };
}

export function ReferralFormModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t, fieldText } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<SendValues>();
  const send = useSendReferral({ form, success: 'app.done' });
  const other = Form.useWatch('organisationId', form) === OTHER_PROVIDER;
  const handleSubmit = (v: SendValues) => send.mutateAsync({ clientId, input: toInput(v) }).then(onClose);
  return (
    <FormModal
      title={t('care.referral.send')}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okTestId="referral-submit"
      error={send.alertError}
      errorTestId="referral-error"
      initialValues={{ providerName: '', providerType: 'social_org', service: '' }}
    >
      <Form.Item
        name="organisationId"
        label={t('care.referral.providerName')}
        rules={[{ required: true, message: fieldText('field.required') ?? '' }]}
      >
        <OrganisationSelect withOther testId="referral-organisation" ariaLabel={t('care.referral.providerName')} />
      </Form.Item>
      {other ? (
        <>
          <Form.Item
            name="providerName"
            label={t('care.referral.otherName')}
            rules={rules(field.providerName, { required: true })}
          >
            <Input maxLength={schemaLimits(field.providerName).max} data-testid="referral-provider" />
          </Form.Item>
          <Form.Item
            name="providerType"
            label={t('care.referral.providerType')}
            rules={rules(field.providerType, { required: true })}
          >
            <Select
              options={PROVIDER_TYPES.map((p) => ({ value: p, label: t(`care.referral.type.${p}`) }))}
              data-testid="referral-provider-type"
            />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="service" label={t('care.referral.service')} rules={rules(field.service)}>
        <Input.TextArea rows={2} maxLength={schemaLimits(field.service).max} data-testid="referral-service" />
      </Form.Item>
    </FormModal>
  );
}

export type ReferralAction = 'respond' | 'report' | 'withdraw';

const STEPS: Record<ReferralAction, { title: MessageKey; label: MessageKey; text: Schema }> = {
  respond: { title: 'care.referral.respondTitle', label: 'app.note', text: ReferralResponseInput.shape.note },
  report: { title: 'care.referral.report', label: 'care.referral.reportText', text: ReferralReportInput.shape.report },
  withdraw: { title: 'care.referral.withdraw', label: 'app.reason', text: ReferralWithdrawInput.shape.reason },
};

interface StepValues {
  accepted?: boolean;
  text?: string;
}

/** One step of a referral, sent with the version it was shown at (a stale one answers 409). */
export function ReferralStepModal({
  referral,
  action,
  onClose,
}: {
  referral: Referral;
  action: ReferralAction;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<StepValues>();
  const run = useReferralStep({ success: 'app.done' });
  const step = STEPS[action];

  const handleSubmit = (v: StepValues) => {
    const text = (v.text ?? '').trim();
    const version = referral.version;
    const input =
      action === 'respond'
        ? { step: 'respond' as const, body: { version, accepted: v.accepted ?? true, note: text || undefined } }
        : action === 'report'
          ? { step: 'report' as const, body: { version, report: text } }
          : { step: 'withdraw' as const, body: { version, reason: text } };
    return run.mutateAsync({ id: referral.id, ...input }).then(onClose);
  };

  return (
    <FormModal
      title={t(step.title)}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okTestId="referral-step-submit"
      error={run.alertError}
      errorTestId="referral-step-error"
      initialValues={{ accepted: true, text: '' }}
    >
      {action === 'respond' ? (
        <Form.Item name="accepted" label={t('care.referral.accepted')}>
          <Radio.Group
            data-testid="referral-accepted"
            options={[
              { value: true, label: t('care.referral.accept') },
              { value: false, label: t('care.referral.decline') },
            ]}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="text" label={t(step.label)} rules={rules(step.text)}>
        <Input.TextArea rows={3} maxLength={schemaLimits(step.text).max} data-testid="referral-step-text" />
      </Form.Item>
    </FormModal>
  );
}
