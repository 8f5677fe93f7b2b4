import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Select, Statistic, Tag, Typography } from 'antd';
import type { Redemption, SupermarketItem } from '@linli/contracts/modules/supermarket';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDateTime, interpolate } from '../../../lib/format';
import {
  newSubmissionId,
  useCancelReservation,
  useMyItems,
  useMyRedemptions,
  useMySupermarket,
  useReserve,
} from '../api';
import { useSupermarketWords } from '../words';

/** One item as a card: price, stock, and (for a volunteer) a quantity to reserve. */
function ItemCard({
  item,
  qty,
  onQty,
  canReserve,
}: {
  item: SupermarketItem;
  qty: number;
  onQty: (n: number) => void;
  canReserve: boolean;
}) {
  const w = useSupermarketWords();
  return (
    <Card size="small" data-testid={`m-sm-item-${item.id}`}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <div>
          <Typography.Text strong>{item.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {item.pricePoints} {w.perUnit}
              {item.unit} · {w.left} {item.stock}
            </Typography.Text>
          </div>
        </div>
        {canReserve && item.stock > 0 ? (
          <InputNumber
            aria-label={`${w.quantity} ${item.name}`}
            size="large"
            min={0}
            max={Math.min(item.stock, 999)}
            precision={0}
            value={qty}
            onChange={(v) => onQty(v ?? 0)}
            data-testid={`m-sm-qty-${item.id}`}
            style={{ width: 96 }}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

function MyRedemptions() {
  const w = useSupermarketWords();
  const { modal } = App.useApp();
  const list = useMyRedemptions(1);
  const cancel = useCancelReservation({ success: 'app.done' });
  if (!list.data?.items.length) return null;
  return (
    <Flex vertical gap={8} data-testid="m-sm-mine">
      <Typography.Title level={4} style={{ margin: '16px 0 0' }}>
        {w.myRedemptions}
      </Typography.Title>
      <ErrorAlert error={cancel.error} />
      {list.data.items.map((r: Redemption) => (
        <Card key={r.id} size="small" data-testid={`m-sm-redemption-${r.id}`}>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text>{r.lines.map((l) => `${l.name}×${l.quantity}`).join('，')}</Typography.Text>
            <Tag data-testid={`m-sm-status-${r.id}`}>{w.enums.status[r.status]}</Tag>
          </Flex>
          <Typography.Text type="secondary">
            {r.supermarketName} · {r.totalPoints} {w.points} · {formatDateTime(r.createdAt)}
          </Typography.Text>
          {r.status === 'reserved' && r.pickupBy ? (
            <div>
              <Typography.Text type="warning" data-testid={`m-sm-pickup-by-${r.id}`}>
                {interpolate(w.pickupBy, { date: formatDateTime(r.pickupBy).slice(0, 16) })}
              </Typography.Text>
            </div>
          ) : null}
          {r.allowedActions.includes('cancel') ? (
            <div style={{ marginTop: 8 }}>
              <Button
                onClick={() => modal.confirm({ content: w.cancelConfirm, onOk: () => cancel.mutateAsync(r.id) })}
                data-testid={`m-sm-cancel-${r.id}`}
              >
                {w.cancel}
              </Button>
            </div>
          ) : null}
        </Card>
      ))}
    </Flex>
  );
}

/** 爱心超市 on /m: my points, the community's goods with prices and stock, reserve (collected at the counter). */
export default function SupermarketPage() {
  const w = useSupermarketWords();
  const view = useMySupermarket();
  const [chosen, setChosen] = useState<string | undefined>();
  const marketId = chosen ?? view.data?.supermarkets[0]?.id;
  const items = useMyItems(marketId, 1);
  const reserve = useReserve({ success: 'app.done' });
  const [cart, setCart] = useState<Record<string, number>>({});
  const [cartId, setCartId] = useState(newSubmissionId);
  const [reserved, setReserved] = useState(false);
  if (view.isPending) return <Loading minHeight={120} />;
  if (!view.data) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  const byId = new Map((items.data?.items ?? []).map((i) => [i.id, i]));
  const lines = Object.entries(cart).filter(([id, q]) => q > 0 && byId.has(id));
  const total = lines.reduce((s, [id, q]) => s + q * byId.get(id)!.pricePoints, 0);
  const submit = () =>
    void reserve
      .mutateAsync({
        id: cartId,
        supermarketId: marketId!,
        lines: lines.map(([itemId, quantity]) => ({ itemId, quantity })),
      })
      .then(() => {
        setCart({});
        setCartId(newSubmissionId());
        setReserved(true);
      });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {w.mTitle}
      </Typography.Title>
      <Card size="small">
        <Statistic
          title={w.myBalance}
          value={view.data.balance}
          valueRender={(v) => <span data-testid="m-sm-balance">{v}</span>}
        />
      </Card>
      {!view.data.volunteer ? <Alert type="info" message={w.notVolunteer} data-testid="m-sm-not-volunteer" /> : null}
      {view.data.supermarkets.length === 0 ? <Empty description={w.noneHere} /> : null}
      {view.data.supermarkets.length > 1 ? (
        <Select
          size="large"
          aria-label={w.title}
          value={marketId}
          onChange={(v) => {
            setChosen(v);
            setCart({});
          }}
          options={view.data.supermarkets.map((s) => ({ value: s.id, label: s.name }))}
        />
      ) : null}
      {marketId ? (
        <Typography.Text type="secondary">
          {view.data.supermarkets.find((s) => s.id === marketId)?.address}{' '}
          {view.data.supermarkets.find((s) => s.id === marketId)?.openingHours}
        </Typography.Text>
      ) : null}
      {reserved ? <Alert type="success" message={w.reserved} data-testid="m-sm-reserved" /> : null}
      <ErrorAlert error={items.error ?? reserve.error} />
      <Flex vertical gap={8} data-testid="m-sm-items">
        {items.data?.items.map((i) => (
          <ItemCard
            key={i.id}
            item={i}
            qty={cart[i.id] ?? 0}
            onQty={(n) => setCart({ ...cart, [i.id]: n })}
            canReserve={view.data.volunteer}
          />
        ))}
      </Flex>
      {items.data && items.data.items.length === 0 ? <Empty description={w.noItems} /> : null}
      {view.data.volunteer && marketId ? (
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong data-testid="m-sm-total">
            {w.total}：{total}
          </Typography.Text>
          <Button
            type="primary"
            size="large"
            disabled={lines.length === 0 || total > view.data.balance}
            loading={reserve.isPending}
            onClick={submit}
            data-testid="m-sm-reserve"
          >
            {w.reserve}
          </Button>
        </Flex>
      ) : null}
      <MyRedemptions />
    </Flex>
  );
}
