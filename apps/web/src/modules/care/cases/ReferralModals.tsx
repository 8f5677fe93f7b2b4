import { Form, Input, Modal, Radio, Select } from 'antd';
import { PROVIDER_TYPES } from '@linli/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../../i18n';
import type { Referral, ReferralInput } from '../ledger/types';
import { useReferralStep, useSendReferral } from './api';
import { applyNestedFieldErrors } from './form-errors';

export function ReferralFormModal({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReferralInput>();
  const send = useSendReferral();
  const rules = [
    { required: true, whitespace: true, message: t('care2.required') },
    { min: 2, message: t('care2.minChars', { n: 2 }) },
  ];
  const handleFinish = (v: ReferralInput) => {
    const input: ReferralInput = { providerName: v.providerName.trim(), providerType: v.providerType, service: v.service.trim() };
    send.mutate({ clientId, input }, { onSuccess: onClose, onError: (err) => applyNestedFieldErrors(form, err) });
  };
  return (
    <Modal open title={t('care2.referral.send')} onCancel={onClose} destroyOnHidden okText={t('app.submit')} cancelText={t('app.cancel')}
      onOk={() => form.submit()} confirmLoading={send.isPending} okButtonProps={{ 'data-testid': 'referral-submit' }}>
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ providerName: '', providerType: 'social_org', service: '' }}>
        <Form.Item name="providerName" label={t('care2.referral.providerName')} rules={rules}>
          <Input maxLength={80} data-testid="referral-provider" />
        </Form.Item>
        <Form.Item name="providerType" label={t('care2.referral.providerType')} rules={[rules[0]!]}>
          <Select options={PROVIDER_TYPES.map((p) => ({ value: p, label: t(`care2.referral.type.${p}`) }))} data-testid="referral-provider-type" />
        </Form.Item>
        <Form.Item name="service" label={t('care2.referral.service')} rules={rules}>
          <Input.TextArea rows={2} maxLength={200} data-testid="referral-service" />
        </Form.Item>
      </Form>
      <ErrorAlert error={send.error} testId="referral-error" />
    </Modal>
  );
}

export type ReferralAction = 'respond' | 'report' | 'withdraw';

const TITLES: Record<ReferralAction, MessageKey> = {
  respond: 'care2.referral.respondTitle',
  report: 'care2.referral.report',
  withdraw: 'care2.referral.withdraw',
};

interface StepValues {
  accepted?: boolean;
  text?: string;
}

/** One step of a referral, sent with the version it was shown at (a stale one answers 409). */
export function ReferralStepModal({ referral, action, onClose }: { referral: Referral; action: ReferralAction; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<StepValues>();
  const run = useReferralStep();
  const textRequired = action !== 'respond';

  const handleFinish = (v: StepValues) => {
    const text = (v.text ?? '').trim();
    const version = referral.version;
    const input =
      action === 'respond'
        ? { step: 'respond' as const, body: { version, accepted: v.accepted ?? true, note: text || undefined } }
        : action === 'report'
          ? { step: 'report' as const, body: { version, report: text } }
          : { step: 'withdraw' as const, body: { version, reason: text } };
    run.mutate({ id: referral.id, ...input }, { onSuccess: onClose, onError: (err) => applyNestedFieldErrors(form, err) });
  };

  const label = action === 'respond' ? t('care2.note') : action === 'report' ? t('care2.referral.reportText') : t('care2.reason');
  return (
    <Modal open title={t(TITLES[action])} onCancel={onClose} destroyOnHidden okText={t('app.submit')} cancelText={t('app.cancel')}
      onOk={() => form.submit()} confirmLoading={run.isPending} okButtonProps={{ 'data-testid': 'referral-step-submit' }}>
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ accepted: true, text: '' }}>
        {action === 'respond' ? (
          <Form.Item name="accepted" label={t('care2.referral.accepted')}>
            <Radio.Group
              data-testid="referral-accepted"
              options={[
                { value: true, label: t('care2.referral.accept') },
                { value: false, label: t('care2.referral.decline') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="text"
          label={label}
          rules={textRequired ? [{ validator: (_, v: string | undefined) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('care2.minChars', { n: 2 })))) }] : []}
        >
          <Input.TextArea rows={3} maxLength={action === 'report' ? 1000 : 300} data-testid="referral-step-text" />
        </Form.Item>
      </Form>
      <ErrorAlert error={run.error} testId="referral-step-error" />
    </Modal>
  );
}
