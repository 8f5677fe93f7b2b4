import { Form, Input } from 'antd';
import {
  PartnerReferralAcceptInput,
  PartnerReferralDeclineInput,
  PartnerReferralReportInput,
  type PartnerReferral,
} from '@linli/contracts/modules/partners';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm, type Schema } from '../../../lib/schema-form';
import { usePartnerAnswer, type PartnerAnswer } from '../api';
import { usePartnersWords } from '../words';

export type AnswerStep = PartnerAnswer['step'];

const TEXT: Record<AnswerStep, { schema: Schema; required: boolean }> = {
  accept: { schema: PartnerReferralAcceptInput.shape.note, required: false },
  decline: { schema: PartnerReferralDeclineInput.shape.reason, required: true },
  report: { schema: PartnerReferralReportInput.shape.report, required: true },
};

/** One answer to a referral (accept, decline with a reason, report back), sent with the version it was shown at. */
export function AnswerModal({
  referral,
  step,
  onClose,
}: {
  referral: PartnerReferral;
  step: AnswerStep;
  onClose: () => void;
}) {
  const w = usePartnersWords();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ text?: string }>();
  const answer = usePartnerAnswer({ form, success: 'app.done' });
  const labels = {
    accept: [w.acceptTitle, w.note],
    decline: [w.declineTitle, w.reason],
    report: [w.reportTitle, w.reportText],
  } as const;
  const [title, label] = labels[step];
  const { schema, required } = TEXT[step];

  const submit = ({ text }: { text?: string }) => {
    const value = (text ?? '').trim();
    const version = referral.version;
    const input: PartnerAnswer =
      step === 'accept'
        ? { step, body: { version, ...(value ? { note: value } : {}) } }
        : step === 'decline'
          ? { step, body: { version, reason: value } }
          : { step, body: { version, report: value } };
    return answer.mutateAsync({ id: referral.id, ...input }).then(onClose);
  };

  return (
    <FormModal
      title={title}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okTestId="partner-answer-submit"
      error={answer.alertError}
      errorTestId="partner-answer-error"
      initialValues={{ text: '' }}
    >
      <Form.Item name="text" label={label} rules={rules(schema, { required })}>
        <Input.TextArea rows={3} maxLength={schemaLimits(schema).max} data-testid="partner-answer-text" />
      </Form.Item>
    </FormModal>
  );
}
