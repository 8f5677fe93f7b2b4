import { useState } from 'react';
import { App, Button, Flex, Form, Input, Tag, Typography } from 'antd';
import type { RosterEntry } from '@linli/contracts/modules/activities';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import { type OrganiserBase, useAttendance, useOrganiserStep, useRoster } from '../api';
import { useActivitiesWords } from '../words';
import { isoToLocal, localToIso } from './ActivityForm';

function TimesDialog({ base, entry, onClose }: { base: OrganiserBase; entry: RosterEntry; onClose: () => void }) {
  const w = useActivitiesWords();
  const [form] = Form.useForm<{ checkedInAt?: string; checkedOutAt?: string }>();
  const attendance = useAttendance({ form, success: 'app.done' });
  return (
    <FormModal
      title={`${w.setTimes} · ${entry.volunteerName}`}
      form={form}
      onClose={onClose}
      error={attendance.alertError}
      okTestId="roster-times-ok"
      initialValues={{
        checkedInAt: entry.checkedInAt ? isoToLocal(new Date(entry.checkedInAt)) : undefined,
        checkedOutAt: entry.checkedOutAt ? isoToLocal(new Date(entry.checkedOutAt)) : undefined,
      }}
      onSubmit={(v) =>
        attendance
          .mutateAsync({
            base,
            pid: entry.id,
            body: {
              state: 'attended',
              checkedInAt: localToIso(v.checkedInAt),
              checkedOutAt: localToIso(v.checkedOutAt),
            },
          })
          .then(onClose)
      }
    >
      <Form.Item name="checkedInAt" label={w.checkedInAt} rules={[{ required: true }]}>
        <Input type="datetime-local" data-testid="roster-times-in" />
      </Form.Item>
      <Form.Item name="checkedOutAt" label={w.checkedOutAt} rules={[{ required: true }]}>
        <Input type="datetime-local" data-testid="roster-times-out" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * The roster: each sign-up with its state and times; the organiser ticks attended / no-show (times default to the
 * activity's, or are set for someone without a phone), then confirms in bulk, which books the service hours.
 */
export function RosterView({
  base,
  activityId,
  canManage,
}: {
  base: OrganiserBase;
  activityId: string;
  canManage: boolean;
}) {
  const w = useActivitiesWords();
  const { modal } = App.useApp();
  const roster = useRoster(base, activityId);
  const attendance = useAttendance({ success: 'app.done' });
  const step = useOrganiserStep({
    success: (out) =>
      'confirmed' in out
        ? w.fill(w.confirmedN, { n: out.confirmed }) +
          (out.skipped.length ? w.fill(w.confirmSkipped, { n: out.skipped.length }) : '')
        : '',
  });
  const [timing, setTiming] = useState<RosterEntry | null>(null);
  const tick = (entry: RosterEntry, state: 'attended' | 'no_show') =>
    attendance.mutate({ base, pid: entry.id, body: { state } });
  const columns: DataColumn<RosterEntry>[] = [
    { key: 'name', title: w.volunteer, card: 'title', render: (e) => e.volunteerName },
    { key: 'role', title: w.role, render: (e) => e.roleName },
    {
      key: 'state',
      title: w.status,
      card: 'extra',
      render: (e) => (
        <Flex gap={4}>
          <Tag data-testid={`roster-state-${e.id}`}>{w.states[e.state]}</Tag>
          {e.confirmedAt ? <Tag color="green">{w.confirmed}</Tag> : null}
        </Flex>
      ),
    },
    { key: 'in', title: w.checkedInAt, render: (e) => formatDateTime(e.checkedInAt) || '—' },
    { key: 'out', title: w.checkedOutAt, render: (e) => formatDateTime(e.checkedOutAt) || '—' },
    { key: 'minutes', title: w.minutes, render: (e) => e.minutes ?? '—' },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (e) =>
        canManage && !e.confirmedAt && ['registered', 'attended', 'no_show'].includes(e.state) ? (
          <Flex gap={4} wrap>
            <Button size="small" onClick={() => tick(e, 'attended')} data-testid={`roster-attended-${e.id}`}>
              {w.markAttended}
            </Button>
            <Button size="small" onClick={() => tick(e, 'no_show')} data-testid={`roster-noshow-${e.id}`}>
              {w.markNoShow}
            </Button>
            <Button size="small" onClick={() => setTiming(e)} data-testid={`roster-times-${e.id}`}>
              {w.setTimes}
            </Button>
          </Flex>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {w.roster}
        </Typography.Title>
        {canManage ? (
          <Button
            type="primary"
            // A tick still on its way would be skipped by the confirm, so the confirm waits for it.
            disabled={attendance.isPending}
            onClick={() =>
              modal.confirm({
                content: w.confirmHint,
                onOk: () => step.mutateAsync({ base, id: activityId, step: 'confirm', body: {} }),
                okButtonProps: { 'data-testid': 'activity-confirm-ok' } as Record<string, string>,
              })
            }
            data-testid="activity-confirm"
          >
            {w.confirmAll}
          </Button>
        ) : null}
      </Flex>
      <ErrorAlert error={attendance.error ?? step.error} />
      <DataTable<RosterEntry>
        testId="activity-roster"
        rowKey={(e) => e.id}
        columns={columns}
        items={roster.data?.items}
        query={roster}
        empty={w.none}
      />
      {timing ? <TimesDialog base={base} entry={timing} onClose={() => setTiming(null)} /> : null}
    </Flex>
  );
}
