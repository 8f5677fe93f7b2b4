import { useState } from 'react';
import { Button, Form, Input, Select, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { SupermarketInput, type Supermarket } from '@linli/contracts/modules/supermarket';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { hasPermission, useSession } from '../../auth';
import { useCreateSupermarket, useSupermarkets } from '../api';
import { useSupermarketWords } from '../words';

/** 新建超市: a community of the actor's jurisdiction, a name, where and when it opens. */
function CreateDialog({ onClose }: { onClose: () => void }) {
  const w = useSupermarketWords();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<SupermarketInput>();
  const create = useCreateSupermarket({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  return (
    <FormModal
      title={w.create}
      form={form}
      initialValues={{ areaCode: session.areas[0]?.code }}
      onSubmit={(values) => {
        const input = validate(form, SupermarketInput, values);
        return input ? create.mutateAsync(input).then((m) => navigate(`/supermarket/${m.id}`)) : undefined;
      }}
      onClose={onClose}
      error={create.alertError}
      okTestId="supermarket-create-ok"
    >
      <Form.Item name="areaCode" label={w.area} rules={rules(SupermarketInput.shape.areaCode, { required: true })}>
        <Select data-testid="supermarket-area" options={session.areas.map((a) => ({ value: a.code, label: a.name }))} />
      </Form.Item>
      <Form.Item name="name" label={w.name} rules={rules(SupermarketInput.shape.name, { required: true })}>
        <Input data-testid="supermarket-name" maxLength={schemaLimits(SupermarketInput.shape.name).max} />
      </Form.Item>
      <Form.Item name="address" label={w.address} rules={rules(SupermarketInput.shape.address)}>
        <Input data-testid="supermarket-address" maxLength={schemaLimits(SupermarketInput.shape.address).max} />
      </Form.Item>
      <Form.Item name="openingHours" label={w.openingHours} rules={rules(SupermarketInput.shape.openingHours)}>
        <Input data-testid="supermarket-hours" maxLength={schemaLimits(SupermarketInput.shape.openingHours).max} />
      </Form.Item>
    </FormModal>
  );
}

/** 慈善超市: the supermarkets of the jurisdiction with their points account and item count. */
export default function SupermarketListPage() {
  const w = useSupermarketWords();
  const session = useSession();
  const navigate = useNavigate();
  const list = useListState({ url: {} });
  const markets = useSupermarkets(list.page);
  const [creating, setCreating] = useState(false);
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;
  const canCreate = hasPermission(session, 'supermarket.manage');

  const columns: DataColumn<Supermarket>[] = [
    {
      key: 'name',
      title: w.name,
      card: 'title',
      // A link, not only the row's double-click: a new user clicks the name to open the supermarket.
      render: (m) => (
        <Link to={`/supermarket/${m.id}`} data-testid={`supermarket-open-${m.id}`}>
          {m.name}
        </Link>
      ),
    },
    { key: 'area', title: w.area, render: (m) => nameOf(m.areaCode) },
    { key: 'address', title: w.address, render: (m) => m.address },
    {
      key: 'active',
      title: w.status,
      card: 'extra',
      render: (m) => (m.active ? <Tag color="green">{w.active}</Tag> : <Tag>{w.closed}</Tag>),
    },
    { key: 'items', title: w.itemCount, align: 'right', render: (m) => m.itemCount },
    { key: 'balance', title: w.balance, align: 'right', render: (m) => m.balance ?? 0 },
  ];

  return (
    <>
      <PageHeader
        title={w.title}
        extra={
          canCreate ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="supermarket-create">
              {w.create}
            </Button>
          ) : null
        }
      />
      <DataTable<Supermarket>
        testId="supermarket-table"
        rowKey={(m) => m.id}
        columns={columns}
        items={markets.data?.items}
        query={markets}
        empty={w.none}
        onRowOpen={(m) => navigate(`/supermarket/${m.id}`)}
        paging={{ page: list.page, pageSize: 20, total: markets.data?.total, onChange: list.setPage }}
      />
      {creating ? <CreateDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
