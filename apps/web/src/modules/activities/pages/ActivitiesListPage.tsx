import { useState } from 'react';
import { Button, Flex, Form, Segmented } from 'antd';
import { Link } from 'react-router-dom';
import type { Activity } from '@linli/contracts/modules/activities';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useSession } from '../../auth';
import { useActivities, useCreateActivity } from '../api';
import {
  ActivityFields,
  type ActivityFormValues,
  defaultActivityValues,
  toActivityInput,
} from '../components/ActivityForm';
import { StatusTag } from '../components/ActivityInfo';
import { ActivityInput } from '@linli/contracts/modules/activities';
import { useActivitiesWords } from '../words';

/** 志愿活动: the activities of the jurisdiction (upcoming first), and the create dialog. */
export default function ActivitiesListPage() {
  const w = useActivitiesWords();
  const session = useSession();
  const list = useListState({ url: {} });
  const [when, setWhen] = useState<'upcoming' | 'past' | 'all'>('upcoming');
  const items = useActivities({ when, page: list.page, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ActivityFormValues>();
  const create = useCreateActivity({ form, success: 'app.done' });
  const { validate } = useSchemaForm();
  const canWrite = session.permissions.includes('activities.write');
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;

  const columns: DataColumn<Activity>[] = [
    {
      key: 'title',
      title: w.activityTitle,
      card: 'title',
      render: (a) => (
        <Link to={`/activities/${a.id}`} data-testid={`activity-link-${a.id}`}>
          {a.title}
        </Link>
      ),
    },
    { key: 'status', title: w.status, card: 'extra', render: (a) => <StatusTag status={a.status} /> },
    { key: 'when', title: w.startsAt, render: (a) => formatDateTime(a.startsAt) },
    { key: 'area', title: w.area, render: (a) => nameOf(a.areaCode) },
    { key: 'team', title: w.team, render: (a) => a.teamName ?? '—' },
    {
      key: 'places',
      title: w.registered,
      render: (a) =>
        a.roles
          .map((r) => `${r.name} ${r.registered}/${r.capacity}${r.waitlisted ? ` +${r.waitlisted}` : ''}`)
          .join('，'),
    },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Flex justify="space-between" wrap gap={8}>
          <Segmented
            value={when}
            onChange={(v) => {
              setWhen(v as typeof when);
              list.setPage(1);
            }}
            options={[
              { value: 'upcoming', label: w.upcoming },
              { value: 'past', label: w.past },
              { value: 'all', label: w.all },
            ]}
            data-testid="activities-when"
          />
          {canWrite ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="activities-create">
              {w.create}
            </Button>
          ) : null}
        </Flex>
        <DataTable<Activity>
          testId="activities-table"
          rowKey={(a) => a.id}
          columns={columns}
          items={items.data?.items}
          query={items}
          empty={w.none}
          paging={{ page: list.page, pageSize: 20, total: items.data?.total, onChange: list.setPage }}
        />
      </Flex>
      {creating ? (
        <FormModal
          title={w.create}
          form={form}
          width={720}
          initialValues={defaultActivityValues(session.areas[0]?.code)}
          onSubmit={(values) => {
            const input = validate(form, ActivityInput, toActivityInput(values));
            if (input)
              return create
                .mutateAsync({ base: '/activities', input: toActivityInput(values) })
                .then(() => setCreating(false));
          }}
          onClose={() => setCreating(false)}
          error={create.alertError}
          okTestId="activity-create-ok"
        >
          <ActivityFields
            form={form}
            staff
            areas={session.areas.map((a) => ({ value: a.code, label: a.name }))}
            teams={[]}
          />
        </FormModal>
      ) : null}
    </>
  );
}
