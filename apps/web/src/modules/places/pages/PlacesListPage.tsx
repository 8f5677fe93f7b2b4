import { useState } from 'react';
import { Button, Flex, Form, Input, Select } from 'antd';
import { PlacesItemInput, type PlacesItem } from '@linli/contracts/modules/places';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useSession } from '../../auth';
import { useCreatePlacesItem, usePlacesItems } from '../api';
import { usePlacesWords } from '../words';

export default function PlacesListPage() {
  const w = usePlacesWords();
  const session = useSession();
  const list = useListState({ url: {} });
  const items = usePlacesItems(list.page);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ areaCode: string; title: string }>();
  const create = useCreatePlacesItem({ form });
  const { rules } = useSchemaForm();
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;

  const columns: DataColumn<PlacesItem>[] = [
    { key: 'title', title: w.itemTitle, card: 'title', render: (i) => i.title },
    { key: 'area', title: w.area, render: (i) => nameOf(i.areaCode) },
    { key: 'createdAt', title: w.createdAt, render: (i) => formatDateTime(i.createdAt) },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Flex justify="end">
          <Button type="primary" onClick={() => setCreating(true)} data-testid="places-create">{w.create}</Button>
        </Flex>
        <DataTable<PlacesItem>
          testId="places-table"
          rowKey={(i) => i.id}
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
          initialValues={{ areaCode: session.areas[0]?.code }}
          onSubmit={(values) => create.mutateAsync(values).then(() => setCreating(false))}
          onClose={() => setCreating(false)}
          error={create.alertError}
        >
          <Form.Item name="areaCode" label={w.area} rules={rules(PlacesItemInput.shape.areaCode, { required: true })}>
            <Select options={session.areas.map((a) => ({ value: a.code, label: a.name }))} />
          </Form.Item>
          <Form.Item name="title" label={w.itemTitle} rules={rules(PlacesItemInput.shape.title, { required: true })}>
            <Input data-testid="places-title" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
