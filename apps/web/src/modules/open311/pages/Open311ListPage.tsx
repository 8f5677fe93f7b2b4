import { useState } from 'react';
import { Button, Flex, Form, Input, Select } from 'antd';
import { Open311ItemInput, type Open311Item } from '@linli/contracts/modules/open311';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { useSession } from '../../auth';
import { useCreateOpen311Item, useOpen311Items } from '../api';
import { useOpen311Words } from '../words';

export default function Open311ListPage() {
  const w = useOpen311Words();
  const session = useSession();
  const list = useListState({ url: {} });
  const items = useOpen311Items(list.page);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ areaCode: string; title: string }>();
  const create = useCreateOpen311Item({ form });
  const { rules } = useSchemaForm();
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;

  const columns: DataColumn<Open311Item>[] = [
    { key: 'title', title: w.itemTitle, card: 'title', render: (i) => i.title },
    { key: 'area', title: w.area, render: (i) => nameOf(i.areaCode) },
    { key: 'createdAt', title: w.createdAt, render: (i) => formatDateTime(i.createdAt) },
  ];

  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Flex justify="end">
          <Button type="primary" onClick={() => setCreating(true)} data-testid="open311-create">{w.create}</Button>
        </Flex>
        <DataTable<Open311Item>
          testId="open311-table"
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
          <Form.Item name="areaCode" label={w.area} rules={rules(Open311ItemInput.shape.areaCode, { required: true })}>
            <Select options={session.areas.map((a) => ({ value: a.code, label: a.name }))} />
          </Form.Item>
          <Form.Item name="title" label={w.itemTitle} rules={rules(Open311ItemInput.shape.title, { required: true })}>
            <Input data-testid="open311-title" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
