import { useState } from 'react';
import { Button, Descriptions, Flex, Form, Input, InputNumber, Switch, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { RESERVATION_DAYS, SupermarketUpdateInput, type Supermarket } from '@linli/contracts/modules/supermarket';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { interpolate } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useSupermarket, useUpdateSupermarket } from '../api';
import { useSupermarketWords } from '../words';
import { ItemsTab } from './ItemsTab';
import { LedgerTab } from './LedgerTab';
import { RedemptionsTab } from './RedemptionsTab';

function EditDialog({ market, onClose }: { market: Supermarket; onClose: () => void }) {
  const w = useSupermarketWords();
  const [form] = Form.useForm<SupermarketUpdateInput>();
  const update = useUpdateSupermarket({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  const shape = SupermarketUpdateInput.shape;
  return (
    <FormModal
      title={w.edit}
      form={form}
      initialValues={market}
      onSubmit={(values) => {
        const input = validate(form, SupermarketUpdateInput, values);
        return input ? update.mutateAsync({ id: market.id, ...input }).then(onClose) : undefined;
      }}
      onClose={onClose}
      error={update.alertError}
      okTestId="supermarket-edit-ok"
    >
      <Form.Item name="name" label={w.name} rules={rules(shape.name, { required: true })}>
        <Input maxLength={schemaLimits(shape.name).max} data-testid="supermarket-edit-name" />
      </Form.Item>
      <Form.Item name="address" label={w.address} rules={rules(shape.address)}>
        <Input maxLength={schemaLimits(shape.address).max} />
      </Form.Item>
      <Form.Item name="openingHours" label={w.openingHours} rules={rules(shape.openingHours)}>
        <Input maxLength={schemaLimits(shape.openingHours).max} />
      </Form.Item>
      <Form.Item
        name="reservationDays"
        label={w.reservationDays}
        extra={w.reservationDaysHint}
        rules={rules(shape.reservationDays, { required: true })}
      >
        <InputNumber
          data-testid="supermarket-edit-reservation-days"
          min={RESERVATION_DAYS.min}
          max={RESERVATION_DAYS.max}
          precision={0}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="active" label={w.active} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

/** One supermarket: its items and stock, the stock ledger, the redemptions; the way to its counter. */
export default function SupermarketDetailPage() {
  const w = useSupermarketWords();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const market = useSupermarket(id);
  const [editing, setEditing] = useState(false);
  if (market.isPending) return <Loading />;
  if (!market.data) return <ErrorAlert error={market.error} onRetry={() => void market.refetch()} />;
  const m = market.data;
  const can = (a: string) => m.allowedActions.includes(a);
  return (
    <>
      <PageHeader
        title={m.name}
        extra={
          <Flex gap={8} wrap>
            <Button onClick={() => navigate('/supermarket')}>{w.back}</Button>
            {can('update') ? (
              <Button onClick={() => setEditing(true)} data-testid="supermarket-edit">
                {w.edit}
              </Button>
            ) : null}
            {can('counter') && m.active ? (
              <Button
                type="primary"
                onClick={() => navigate(`/supermarket/${m.id}/counter`)}
                data-testid="supermarket-counter"
              >
                {w.counter}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={w.address}>{m.address}</Descriptions.Item>
        <Descriptions.Item label={w.openingHours}>{m.openingHours}</Descriptions.Item>
        <Descriptions.Item label={w.reservationDays}>
          <span data-testid="supermarket-reservation-days">{interpolate(w.days, { n: m.reservationDays })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={w.balance}>
          <span data-testid="supermarket-balance">{m.balance ?? 0}</span>
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'items', label: w.items, children: <ItemsTab supermarketId={m.id} canManage={can('stock_in')} /> },
          { key: 'ledger', label: w.ledger, children: <LedgerTab supermarketId={m.id} /> },
          { key: 'redemptions', label: w.redemptions, children: <RedemptionsTab supermarketId={m.id} /> },
        ]}
      />
      {editing ? <EditDialog market={m} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
