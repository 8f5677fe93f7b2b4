import { Alert, Form, Input, Radio } from 'antd';
import { CaseCloseInput, CaseDecisionInput } from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { useI18n, type MessageKey } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { useCaseStep, type CaseStep } from '../api';

const TITLES: Record<CaseStep, MessageKey> = {
  'plan-decision': 'care.case.decidePlan',
  close: 'care.case.requestClose',
  'closure-decision': 'care.case.decideClosure',
  reopen: 'care.case.reopen',
};

interface StepValues {
  approve?: boolean;
  note?: string;
  reason?: string;
}

/**
 * A case transition: decisions ask approve/reject with an optional note (and, given `summary`, say what each will do);
 * closing and reopening ask a reason.
 */
export function CaseStepModal({
  caseId,
  step,
  onClose,
  summary,
}: {
  caseId: string;
  step: CaseStep;
  onClose: () => void;
  summary?: { approve: string; reject: string };
}) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<StepValues>();
  const approving = Form.useWatch('approve', form) ?? true;
  const run = useCaseStep({ form, success: 'app.done' });
  const decision = step === 'plan-decision' || step === 'closure-decision';

  const handleSubmit = (v: StepValues) => {
    const body = decision
      ? { approve: v.approve ?? true, note: v.note?.trim() || undefined }
      : { reason: (v.reason ?? '').trim() };
    return run.mutateAsync({ id: caseId, step, body }).then(onClose);
  };

  return (
    <FormModal
      title={t(TITLES[step])}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      initialValues={decision ? { approve: true, note: '' } : { reason: '' }}
      okTestId="case-step-submit"
      error={run.alertError}
      errorTestId="case-step-error"
    >
      {decision ? (
        <>
          {summary ? (
            <Alert
              type={approving ? 'warning' : 'info'}
              style={{ marginBottom: 12 }}
              title={<span data-testid="case-step-summary">{approving ? summary.approve : summary.reject}</span>}
            />
          ) : null}
          <Form.Item name="approve">
            <Radio.Group
              data-testid="case-step-approve"
              options={[
                { value: true, label: t('app.approve') },
                { value: false, label: t('app.reject') },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label={t('app.note')} rules={rules(CaseDecisionInput.shape.note)}>
            <Input.TextArea
              rows={2}
              maxLength={schemaLimits(CaseDecisionInput.shape.note).max}
              data-testid="case-step-note"
            />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="reason" label={t('app.reason')} rules={rules(CaseCloseInput.shape.reason)}>
          <Input.TextArea
            rows={3}
            maxLength={schemaLimits(CaseCloseInput.shape.reason).max}
            autoFocus
            data-testid="case-step-reason"
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
