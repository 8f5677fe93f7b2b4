import { useState } from 'react';
import { App, Button, Flex, Form, InputNumber, Input, Tag, Typography } from 'antd';
import type { Redemption } from '@linli/contracts/modules/supermarket';
import { ReturnInput } from '@linli/contracts/modules/supermarket';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { exportLedger, newSubmissionId, useRedemptionStep, useRedemptions } from '../api';
import { useSupermarketWords } from '../words';

/** 退还: how many of each line come back (up to what is not back yet), with a reason. One id per dialog. */
function ReturnDialog({ redemption, onClose }: { redemption: Redemption; onClose: () => void }) {
  const w = useSupermarketWords();
  const [form] = Form.useForm<{ reason: string; qty: Record<string, number | null> }>();
  const step = useRedemptionStep({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  const [id] = useState(newSubmissionId);
  const open = redemption.lines.filter((l) => l.quantity > l.returnedQuantity);
  return (
    <FormModal
      title={w.returnGoods}
      form={form}
      onSubmit={(values) => {
        const lines = open
          .map((l) => ({ itemId: l.itemId, quantity: values.qty?.[l.itemId] ?? 0 }))
          .filter((l) => l.quantity > 0);
        const input = validate(form, ReturnInput, { id, lines, reason: values.reason });
        return input ? step.mutateAsync({ id: redemption.id, step: 'returns', body: input }).then(onClose) : undefined;
      }}
      onClose={onClose}
      error={step.alertError}
      okTestId="return-ok"
    >
      {open.map((l) => (
        <Form.Item
          key={l.itemId}
          name={['qty', l.itemId]}
          label={`${l.name}（≤ ${l.quantity - l.returnedQuantity}${l.unit}）`}
        >
          <InputNumber
            data-testid={`return-qty-${l.itemId}`}
            min={0}
            max={l.quantity - l.returnedQuantity}
            precision={0}
            style={{ width: '100%' }}
          />
        </Form.Item>
      ))}
      <Form.Item name="reason" label={w.reason} rules={rules(ReturnInput.shape.reason, { required: true })}>
        <Input data-testid="return-reason" maxLength={schemaLimits(ReturnInput.shape.reason).max} />
      </Form.Item>
    </FormModal>
  );
}

/** 兑换记录: counter redemptions and reservations; hand over, cancel, take returns. */
export function RedemptionsTab({ supermarketId }: { supermarketId: string }) {
  const w = useSupermarketWords();
  const { modal } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useRedemptions({ supermarketId, page, pageSize: 20 });
  const step = useRedemptionStep({ success: 'app.done' });
  const [returning, setReturning] = useState<Redemption | null>(null);
  const columns: DataColumn<Redemption>[] = [
    { key: 'time', title: w.time, render: (r) => formatDateTime(r.createdAt) },
    { key: 'volunteer', title: w.volunteer, card: 'title', render: (r) => r.volunteerName },
    { key: 'channel', title: w.channel, render: (r) => w.enums.channel[r.channel] },
    {
      key: 'lines',
      title: w.lines,
      render: (r) => r.lines.map((l) => `${l.name}×${l.quantity}${l.unit}`).join('，'),
    },
    { key: 'points', title: w.points, align: 'right', render: (r) => r.totalPoints },
    { key: 'returned', title: w.returned, align: 'right', render: (r) => r.returnedPoints || '' },
    {
      key: 'status',
      title: w.status,
      card: 'extra',
      render: (r) => <Tag data-testid={`redemption-status-${r.id}`}>{w.enums.status[r.status]}</Tag>,
    },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (r) => (
        <Flex gap={4} wrap>
          {r.allowedActions.includes('collect') ? (
            <Button
              size="small"
              type="primary"
              onClick={() => void step.mutateAsync({ id: r.id, step: 'collect' })}
              data-testid={`redemption-collect-${r.id}`}
            >
              {w.collect}
            </Button>
          ) : null}
          {r.allowedActions.includes('cancel') ? (
            <Button
              size="small"
              onClick={() =>
                modal.confirm({
                  content: w.cancelConfirm,
                  onOk: () => step.mutateAsync({ id: r.id, step: 'cancel', body: {} }),
                })
              }
              data-testid={`redemption-cancel-${r.id}`}
            >
              {w.cancel}
            </Button>
          ) : null}
          {r.allowedActions.includes('return') ? (
            <Button size="small" onClick={() => setReturning(r)} data-testid={`redemption-return-${r.id}`}>
              {w.returnGoods}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{list.data ? `${list.data.total}` : ''}</Typography.Text>
        <Button onClick={() => void exportLedger(supermarketId, 'redemptions')} data-testid="redemptions-export">
          {w.export}
        </Button>
      </Flex>
      <ErrorAlert error={step.error} />
      <DataTable<Redemption>
        testId="supermarket-redemptions"
        rowKey={(r) => r.id}
        columns={columns}
        items={list.data?.items}
        query={list}
        empty={w.noRedemptions}
        paging={{ page, pageSize: 20, total: list.data?.total, onChange: setPage }}
      />
      {returning ? <ReturnDialog redemption={returning} onClose={() => setReturning(null)} /> : null}
    </Flex>
  );
}
