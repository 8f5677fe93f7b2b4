import { Button, DatePicker, Drawer, Form, Grid, Input, Segmented, Select } from 'antd';
import { MISSED_REASONS, RecordVisitInput, VISIT_MODES } from '@linli/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { RecordRequestButton } from '../../../requests';
import { HouseholdMembersField } from '../../households/components/HouseholdMembersField';
import type { RecordVisitInput as RecordVisitInputValue, RecordVisitResult, Visit } from '../../shared/types';
import { useRecordVisit } from '../api';

interface FormValues {
  outcome: RecordVisitInputValue['outcome'];
  mode: RecordVisitInputValue['mode'];
  visitedOn: Dayjs;
  notes?: string;
  missedReason?: RecordVisitInputValue['missedReason'];
  membersSeen?: string[];
}

interface RecordVisitDrawerProps {
  visit: Visit;
  /** The server's "today" (China calendar day): the default and the latest allowed visit date. */
  today: string;
  onClose: () => void;
  onRecorded: (result: RecordVisitResult) => void;
}

const field = RecordVisitInput.shape;
const toDate = (value: unknown) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value);

/** The fast visit form: a bottom sheet on phones, a side drawer on larger screens. Mounted only while open. */
export function RecordVisitDrawer({ visit, today, onClose, onRecorded }: RecordVisitDrawerProps) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const isPhone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FormValues>();
  const outcome = Form.useWatch('outcome', form);
  const record = useRecordVisit({ form });
  const maxDay = dayjs(today);

  const handleFinish = (v: FormValues) => {
    if (record.isPending) return;
    const input: RecordVisitInputValue = {
      outcome: v.outcome,
      mode: v.mode,
      visitedOn: v.visitedOn.format('YYYY-MM-DD'),
      notes: v.notes?.trim() || undefined,
      missedReason: v.outcome === 'missed' ? v.missedReason : undefined,
      membersSeen: v.outcome === 'done' && v.membersSeen?.length ? v.membersSeen : undefined,
    };
    record.mutate({ id: visit.id, ...input }, { onSuccess: onRecorded });
  };

  return (
    <Drawer
      open
      placement={isPhone ? 'bottom' : 'right'}
      size={isPhone ? '88%' : 420}
      title={t('care.visit.recordFor', { name: visit.clientName })}
      onClose={onClose}
      destroyOnHidden
      styles={{ body: { paddingBottom: 24 } }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        initialValues={{ outcome: 'done', mode: visit.mode, visitedOn: maxDay }}
      >
        <Form.Item name="outcome" label={t('care.visit.outcome')}>
          <Segmented<FormValues['outcome']>
            block
            size="large"
            data-testid="record-outcome"
            options={[
              { value: 'done', label: t('care.visit.outcome.done') },
              { value: 'missed', label: t('care.visit.outcome.missed') },
            ]}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('care.visit.mode')}>
          <Select
            size="large"
            data-testid="record-mode"
            options={VISIT_MODES.map((m) => ({ value: m, label: t(`care.visit.mode.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('care.visit.visitedOn')} rules={rules(field.visitedOn, { map: toDate })}>
          <DatePicker
            size="large"
            style={{ width: '100%' }}
            inputReadOnly
            allowClear={false}
            disabledDate={(d) => d.isAfter(maxDay, 'day')}
            data-testid="record-visited-on"
          />
        </Form.Item>
        {outcome === 'missed' ? (
          <Form.Item
            name="missedReason"
            label={t('care.visit.missedReason')}
            rules={rules(field.missedReason, { required: true })}
          >
            <Select
              size="large"
              data-testid="record-missed-reason"
              options={MISSED_REASONS.map((r) => ({ value: r, label: t(`care.visit.missed.${r}`) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="notes" label={t('care.visit.notes')} rules={rules(field.notes)}>
          <Input.TextArea rows={3} maxLength={schemaLimits(field.notes).max} showCount data-testid="record-notes" />
        </Form.Item>
        {outcome !== 'missed' ? <HouseholdMembersField clientId={visit.clientId} /> : null}
        <ErrorAlert error={record.alertError} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={record.isPending}
          disabled={record.isPending}
          style={{ marginTop: 12 }}
          data-testid="record-visit-submit"
        >
          {t('app.submit')}
        </Button>
      </Form>
      {/* A problem the client raises during the visit becomes a request (民生诉求), entered on their behalf. */}
      <div style={{ marginTop: 16 }}>
        <RecordRequestButton clientId={visit.clientId} clientName={visit.clientName} />
      </div>
    </Drawer>
  );
}
