import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Rate, Select, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router-dom';
import {
  RECORD_KINDS,
  RecordEntryInput,
  type Correction,
  type RecordKind,
  type VolunteerRecord,
} from '@linli/contracts/modules/volunteers';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import {
  useAddRecordEntry,
  useAnswerCorrection,
  useConfirmVolunteer,
  useRejectVolunteer,
  useVolunteerRecord,
  useVolunteerStatus,
} from '../api';
import { CorrectionTable, EntryTable, MembershipTable } from '../components/RecordTables';
import { VolunteerStatusTag } from '../components/Tags';
import { useVolunteersWords } from '../words';

type Dialog =
  { kind: 'reject' } | { kind: 'status'; status: 'suspended' | 'active' | 'left' } | { kind: 'entry' } | null;

function ReasonDialog({
  record,
  dialog,
  onClose,
}: {
  record: VolunteerRecord;
  dialog: { kind: 'reject' } | { kind: 'status'; status: 'suspended' | 'active' | 'left' };
  onClose: () => void;
}) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useRejectVolunteer({ form, success: 'app.done' });
  const status = useVolunteerStatus({ form, success: 'app.done' });
  const id = record.volunteer.id;
  return (
    <FormModal
      title={dialog.kind === 'reject' ? w.reject : w.statuses[dialog.status === 'active' ? 'active' : dialog.status]}
      form={form}
      onClose={onClose}
      error={reject.alertError ?? status.alertError}
      okTestId="volunteer-reason-ok"
      onSubmit={(v) =>
        (dialog.kind === 'reject'
          ? reject.mutateAsync({ id, reason: v.reason })
          : status.mutateAsync({ id, status: dialog.status, reason: v.reason })
        ).then(onClose)
      }
    >
      <Form.Item
        name="reason"
        label={dialog.kind === 'reject' ? w.rejectReason : w.reason}
        rules={[{ required: true }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="volunteer-reason" />
      </Form.Item>
    </FormModal>
  );
}

function EntryDialog({ record, onClose }: { record: VolunteerRecord; onClose: () => void }) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<Record<string, unknown>>();
  const add = useAddRecordEntry({ form, success: 'app.done' });
  const { validate } = useSchemaForm();
  const kind = Form.useWatch('kind', form) as RecordKind | undefined;
  return (
    <FormModal
      title={w.addEntry}
      form={form}
      onClose={onClose}
      error={add.alertError}
      okTestId="volunteer-entry-ok"
      initialValues={{ kind: 'training', onDate: dayjs() }}
      onSubmit={(values) => {
        const onDate = values.onDate as dayjs.Dayjs | undefined;
        const input = validate(form, RecordEntryInput, { ...values, onDate: onDate?.format('YYYY-MM-DD') });
        if (!input) return;
        return add.mutateAsync({ id: record.volunteer.id, ...input }).then(onClose);
      }}
    >
      <Form.Item name="kind" label={w.kind} rules={[{ required: true }]}>
        <Select
          data-testid="volunteer-entry-kind"
          options={RECORD_KINDS.map((k) => ({ value: k, label: w.kinds[k] }))}
        />
      </Form.Item>
      <Form.Item name="onDate" label={w.onDate} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} data-testid="volunteer-entry-date" />
      </Form.Item>
      <Form.Item name="title" label={w.entryTitle} rules={[{ required: true }]}>
        <Input maxLength={200} data-testid="volunteer-entry-title" />
      </Form.Item>
      <Form.Item name="byWhom" label={w.byWhom}>
        <Input maxLength={100} data-testid="volunteer-entry-by" />
      </Form.Item>
      {kind === 'training' ? (
        <Form.Item name="minutes" label={w.minutes}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} data-testid="volunteer-entry-minutes" />
        </Form.Item>
      ) : null}
      {kind === 'evaluation' ? (
        <Form.Item name="rating" label={w.rating}>
          <Rate data-testid="volunteer-entry-rating" />
        </Form.Item>
      ) : null}
      {kind === 'complaint' ? (
        <Form.Item name="outcome" label={w.outcome}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="volunteer-entry-outcome" />
        </Form.Item>
      ) : null}
      <Form.Item name="detail" label={w.detail}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="volunteer-entry-detail" />
      </Form.Item>
    </FormModal>
  );
}

function AnswerDialog({ correction, onClose }: { correction: Correction; onClose: () => void }) {
  const w = useVolunteersWords();
  const [form] = Form.useForm<{ decision: 'accepted' | 'declined'; answerText: string }>();
  const answer = useAnswerCorrection({ form, success: 'app.done' });
  return (
    <FormModal
      title={w.answer}
      form={form}
      onClose={onClose}
      error={answer.alertError}
      okTestId="correction-answer-ok"
      initialValues={{ decision: 'accepted' }}
      onSubmit={(v) => answer.mutateAsync({ id: correction.id, ...v }).then(onClose)}
    >
      <p>{correction.requestText}</p>
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
  );
}

/** A volunteer's record (67号令 art. 4): basic information, teams, training/commendations/evaluations/complaints. */
export default function VolunteerDetailPage() {
  const { id = '' } = useParams();
  const w = useVolunteersWords();
  const { modal } = App.useApp();
  const record = useVolunteerRecord(id);
  const confirm = useConfirmVolunteer({ success: () => w.confirmed });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [answering, setAnswering] = useState<Correction | null>(null);
  if (record.isLoading) return <Loading />;
  if (!record.data) return <ErrorAlert error={record.error} />;
  const r = record.data;
  const v = r.volunteer;
  const has = (a: string) => v.allowedActions.includes(a);
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="volunteer-name">{v.name}</span>
            <VolunteerStatusTag status={v.status} />
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {has('confirm') ? (
              <Button
                type="primary"
                loading={confirm.isPending}
                onClick={() => modal.confirm({ content: w.confirm, onOk: () => confirm.mutateAsync(v.id) })}
                data-testid="volunteer-confirm"
              >
                {w.confirm}
              </Button>
            ) : null}
            {has('reject') ? (
              <Button danger onClick={() => setDialog({ kind: 'reject' })} data-testid="volunteer-reject">
                {w.reject}
              </Button>
            ) : null}
            {has('suspend') ? (
              <Button
                onClick={() => setDialog({ kind: 'status', status: 'suspended' })}
                data-testid="volunteer-suspend"
              >
                {w.suspend}
              </Button>
            ) : null}
            {has('reinstate') ? (
              <Button onClick={() => setDialog({ kind: 'status', status: 'active' })} data-testid="volunteer-reinstate">
                {w.reinstate}
              </Button>
            ) : null}
            {has('leave') ? (
              <Button
                danger
                onClick={() => setDialog({ kind: 'status', status: 'left' })}
                data-testid="volunteer-leave"
              >
                {w.leave}
              </Button>
            ) : null}
            {has('record') ? (
              <Button onClick={() => setDialog({ kind: 'entry' })} data-testid="volunteer-add-entry">
                {w.addEntry}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ErrorAlert error={confirm.error} />
      <Tabs
        items={[
          {
            key: 'basic',
            label: w.basic,
            children: (
              <Card size="small">
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={w.idType}>{w.idTypeLabel(v.idType)}</Descriptions.Item>
                  <Descriptions.Item label={w.idNumber}>{v.idNumberMasked}</Descriptions.Item>
                  <Descriptions.Item label={w.gender}>{v.gender ? w[v.gender] : '—'}</Descriptions.Item>
                  <Descriptions.Item label={w.birthDate}>{v.birthDate ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={w.skills}>{v.skills.map(w.skill).join('、') || '—'}</Descriptions.Item>
                  <Descriptions.Item label={w.availability}>
                    {v.availability.map(w.avail).join('、') || '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={w.emergency}>
                    {v.emergencyNameMasked} {v.emergencyPhoneMasked}
                  </Descriptions.Item>
                  <Descriptions.Item label={w.consentedAt}>
                    {formatDateTime(v.consentedAt)} ({v.consentVersion})
                  </Descriptions.Item>
                  <Descriptions.Item label={w.reason}>{v.statusReason ?? '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
            ),
          },
          {
            key: 'teams',
            label: w.teams,
            children: <MembershipTable items={r.memberships} testId="volunteer-teams" />,
          },
          { key: 'record', label: w.record, children: <EntryTable items={r.entries} testId="volunteer-entries" /> },
          {
            key: 'corrections',
            label: w.corrections,
            children: (
              <CorrectionTable
                items={r.corrections}
                testId="volunteer-corrections"
                onAnswer={has('record') ? setAnswering : undefined}
              />
            ),
          },
        ]}
      />
      {dialog?.kind === 'entry' ? <EntryDialog record={r} onClose={() => setDialog(null)} /> : null}
      {dialog && dialog.kind !== 'entry' ? (
        <ReasonDialog record={r} dialog={dialog} onClose={() => setDialog(null)} />
      ) : null}
      {answering ? <AnswerDialog correction={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}
