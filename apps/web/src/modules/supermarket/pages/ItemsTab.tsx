import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import {
  ITEM_CATEGORIES,
  StockAdjustInput,
  SupermarketItemInput,
  SupermarketItemUpdateInput,
  type SupermarketItem,
} from '@linli/contracts/modules/supermarket';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useCreateItem, useStockAdjust, useSupermarketItems, useUpdateItem } from '../api';
import { useSupermarketWords } from '../words';
import { StockInDialog } from './StockInDialog';

type ItemValues = Omit<SupermarketItemUpdateInput, 'active'> & { active?: boolean };

/** 新增物品 / 编辑: name, category, unit and its price in points. */
function ItemDialog({
  supermarketId,
  item,
  onClose,
}: {
  supermarketId: string;
  item?: SupermarketItem;
  onClose: () => void;
}) {
  const w = useSupermarketWords();
  const [form] = Form.useForm<ItemValues>();
  const create = useCreateItem({ form, success: 'app.done' });
  const update = useUpdateItem({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  const shape = SupermarketItemInput.shape;
  return (
    <FormModal
      title={item ? w.edit : w.addItem}
      form={form}
      initialValues={item ?? { category: 'grain_oil', active: true }}
      onSubmit={(values) => {
        if (item) {
          const input = validate(form, SupermarketItemUpdateInput, { ...values, active: values.active ?? true });
          return input ? update.mutateAsync({ id: item.id, ...input }).then(onClose) : undefined;
        }
        const input = validate(form, SupermarketItemInput, { ...values, supermarketId });
        return input ? create.mutateAsync(input).then(onClose) : undefined;
      }}
      onClose={onClose}
      error={(item ? update : create).alertError}
      okTestId="item-ok"
    >
      <Form.Item name="name" label={w.itemName} rules={rules(shape.name, { required: true })}>
        <Input data-testid="item-name" maxLength={schemaLimits(shape.name).max} />
      </Form.Item>
      <Form.Item name="category" label={w.category} rules={rules(shape.category, { required: true })}>
        <Select
          data-testid="item-category"
          options={ITEM_CATEGORIES.map((c) => ({ value: c, label: w.enums.category[c] }))}
        />
      </Form.Item>
      <Form.Item name="unit" label={w.unit} rules={rules(shape.unit, { required: true })}>
        <Input data-testid="item-unit" maxLength={schemaLimits(shape.unit).max} />
      </Form.Item>
      <Form.Item name="pricePoints" label={w.price} rules={rules(shape.pricePoints, { required: true })}>
        <InputNumber data-testid="item-price" min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {item ? (
        <Form.Item name="active" label={w.active} valuePropName="checked">
          <Switch data-testid="item-active" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/** 盘点调整: a signed change with a reason; never below zero. */
function AdjustDialog({ item, onClose }: { item: SupermarketItem; onClose: () => void }) {
  const w = useSupermarketWords();
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const adjust = useStockAdjust({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  return (
    <FormModal
      title={`${w.adjust}：${item.name}`}
      form={form}
      onSubmit={(values) => {
        const input = validate(form, StockAdjustInput, { ...values, itemId: item.id });
        return input ? adjust.mutateAsync(input).then(onClose) : undefined;
      }}
      onClose={onClose}
      error={adjust.alertError}
      okTestId="adjust-ok"
    >
      <Form.Item name="delta" label={w.delta} rules={rules(StockAdjustInput.shape.delta, { required: true })}>
        <InputNumber data-testid="adjust-delta" precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={w.reason} rules={rules(StockAdjustInput.shape.reason, { required: true })}>
        <Input data-testid="adjust-reason" maxLength={schemaLimits(StockAdjustInput.shape.reason).max} />
      </Form.Item>
    </FormModal>
  );
}

type Dialog = { kind: 'new' } | { kind: 'edit' | 'stock' | 'adjust'; item: SupermarketItem } | null;

/** 物品与库存: the supermarket's goods with price and stock; add, edit, book donations in, adjust. */
export function ItemsTab({ supermarketId, canManage }: { supermarketId: string; canManage: boolean }) {
  const w = useSupermarketWords();
  const [page, setPage] = useState(1);
  const items = useSupermarketItems({ supermarketId, page, pageSize: 50 });
  const [dialog, setDialog] = useState<Dialog>(null);
  const columns: DataColumn<SupermarketItem>[] = [
    { key: 'name', title: w.itemName, card: 'title', render: (i) => i.name },
    { key: 'category', title: w.category, render: (i) => w.enums.category[i.category] },
    { key: 'price', title: w.price, align: 'right', render: (i) => `${i.pricePoints} ${w.perUnit}${i.unit}` },
    {
      key: 'stock',
      title: w.stock,
      align: 'right',
      card: 'extra',
      render: (i) => <span data-testid={`item-stock-${i.id}`}>{i.stock}</span>,
    },
    { key: 'active', title: w.status, render: (i) => (i.active ? null : <Tag>{w.closed}</Tag>) },
  ];
  if (canManage)
    columns.push({
      key: 'actions',
      title: '',
      card: 'actions',
      render: (i) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            onClick={() => setDialog({ kind: 'stock', item: i })}
            data-testid={`item-stock-in-${i.id}`}
          >
            {w.stockIn}
          </Button>
          <Button
            size="small"
            onClick={() => setDialog({ kind: 'adjust', item: i })}
            data-testid={`item-adjust-${i.id}`}
          >
            {w.adjust}
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', item: i })} data-testid={`item-edit-${i.id}`}>
            {w.edit}
          </Button>
        </Flex>
      ),
    });
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <Flex justify="end">
          <Button type="primary" onClick={() => setDialog({ kind: 'new' })} data-testid="item-create">
            {w.addItem}
          </Button>
        </Flex>
      ) : null}
      <DataTable<SupermarketItem>
        testId="supermarket-items"
        rowKey={(i) => i.id}
        columns={columns}
        items={items.data?.items}
        query={items}
        empty={w.noItems}
        paging={{ page, pageSize: 50, total: items.data?.total, onChange: setPage }}
      />
      {dialog?.kind === 'new' ? <ItemDialog supermarketId={supermarketId} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? (
        <ItemDialog supermarketId={supermarketId} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'stock' ? <StockInDialog item={dialog.item} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'adjust' ? <AdjustDialog item={dialog.item} onClose={() => setDialog(null)} /> : null}
    </Flex>
  );
}
