import { useState } from 'react';
import { Form, Input, Select } from 'antd';
import type { Correction } from '@linli/contracts/modules/volunteers';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { useAnswerCorrection, useOpenCorrections } from '../api';
import { useVolunteersWords } from '../words';
import { CorrectionTable } from '../components/RecordTables';

/** 记录更正申请 (staff): open correction requests of the jurisdiction, answered here. */
export default function CorrectionsPage() {
  const w = useVolunteersWords();
  const list = useOpenCorrections();
  const [answering, setAnswering] = useState<Correction | null>(null);
  const [form] = Form.useForm<{ decision: 'accepted' | 'declined'; answerText: string }>();
  const answer = useAnswerCorrection({ form, success: 'app.done' });
  return (
    <>
      <PageHeader title={w.correctionsTitle} />
      <CorrectionTable items={list.data?.items ?? []} testId="corrections" onAnswer={setAnswering} />
      {answering ? (
        <FormModal
          title={`${w.answer} · ${answering.volunteerName}`}
          form={form}
          onClose={() => setAnswering(null)}
          error={answer.alertError}
          okTestId="correction-answer-ok"
          initialValues={{ decision: 'accepted' }}
          onSubmit={(v) => answer.mutateAsync({ id: answering.id, ...v }).then(() => setAnswering(null))}
        >
          <p>{answering.requestText}</p>
          <Form.Item name="decision" label={w.decide} rules={[{ required: true }]}>
            <Select
              data-testid="correction-decision"
              options={[
                { value: 'accepted', label: w.accept },
                { value: 'declined', label: w.decline },
              ]}
            />
          </Form.Item>
          <Form.Item name="answerText" label={w.answerText} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="correction-answer-text" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
