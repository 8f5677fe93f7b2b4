import { Form, Input, Modal, Radio } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../../i18n';
import { useCaseStep, type CaseStep } from './api';
import { applyNestedFieldErrors } from './form-errors';

const TITLES: Record<CaseStep, MessageKey> = {
  'plan-decision': 'care2.case.decidePlan',
  close: 'care2.case.requestClose',
  'closure-decision': 'care2.case.decideClosure',
  reopen: 'care2.case.reopen',
};

interface StepValues {
  approve?: boolean;
  note?: string;
  reason?: string;
}

/** A case transition: decisions ask approve/reject with an optional note; closing and reopening ask a reason. */
export function CaseStepModal({ caseId, step, onClose }: { caseId: string; step: CaseStep; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<StepValues>();
  const run = useCaseStep();
  const decision = step === 'plan-decision' || step === 'closure-decision';

  const handleFinish = (v: StepValues) => {
    const body = decision ? { approve: v.approve ?? true, note: v.note?.trim() || undefined } : { reason: (v.reason ?? '').trim() };
    run.mutate({ id: caseId, step, body }, { onSuccess: onClose, onError: (err) => applyNestedFieldErrors(form, err) });
  };

  return (
    <Modal
      open
      title={t(TITLES[step])}
      onCancel={onClose}
      destroyOnHidden
      okText={t('app.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      okButtonProps={{ 'data-testid': 'case-step-submit' }}
    >
      <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={decision ? { approve: true, note: '' } : { reason: '' }}>
        {decision ? (
          <>
            <Form.Item name="approve">
              <Radio.Group
                data-testid="case-step-approve"
                options={[
                  { value: true, label: t('care2.approve') },
                  { value: false, label: t('care2.reject') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('care2.note')}>
              <Input.TextArea rows={2} maxLength={300} data-testid="case-step-note" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="reason"
            label={t('care2.reason')}
            rules={[{ validator: (_, v: string | undefined) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('care2.minChars', { n: 2 })))) }]}
          >
            <Input.TextArea rows={3} maxLength={300} autoFocus data-testid="case-step-reason" />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={run.error} testId="case-step-error" />
    </Modal>
  );
}
