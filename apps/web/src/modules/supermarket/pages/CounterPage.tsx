import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { CounterVolunteer, Redemption, SupermarketItem } from '@linli/contracts/modules/supermarket';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { newSubmissionId, useCounterLookup, useCounterRedeem, useSupermarket, useSupermarketItems } from '../api';
import { useSupermarketWords } from '../words';

type Cart = Record<string, number>;

/** The cart: items of the supermarket with their quantities, and the total in points. */
function CartCard({ items, cart, setCart }: { items: SupermarketItem[]; cart: Cart; setCart: (c: Cart) => void }) {
  const w = useSupermarketWords();
  const [pick, setPick] = useState<string | undefined>();
  const byId = new Map(items.map((i) => [i.id, i]));
  const total = Object.entries(cart).reduce((s, [id, q]) => s + q * (byId.get(id)?.pricePoints ?? 0), 0);
  return (
    <Card title={w.cart} size="small">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 220, flex: 1 }}
          value={pick}
          onChange={setPick}
          aria-label={w.itemName}
          data-testid="counter-item"
          showSearch
          optionFilterProp="label"
          options={items
            .filter((i) => i.active && i.stock > 0)
            .map((i) => ({
              value: i.id,
              label: `${i.name}（${i.pricePoints}${w.perUnit}${i.unit}，${w.left} ${i.stock}）`,
            }))}
        />
        <Button
          disabled={!pick}
          onClick={() =>
            pick && setCart({ ...cart, [pick]: Math.min((cart[pick] ?? 0) + 1, byId.get(pick)?.stock ?? 1) })
          }
          data-testid="counter-add"
        >
          {w.add}
        </Button>
      </Flex>
      {Object.keys(cart).length === 0 ? <Typography.Text type="secondary">{w.emptyCart}</Typography.Text> : null}
      {Object.entries(cart).map(([id, q]) => (
        <Flex key={id} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <span style={{ flex: 1, minWidth: 120 }}>{byId.get(id)?.name}</span>
          <InputNumber
            aria-label={w.quantity}
            min={1}
            max={byId.get(id)?.stock ?? 1}
            precision={0}
            value={q}
            onChange={(v) => setCart({ ...cart, [id]: v ?? 1 })}
            data-testid={`counter-qty-${id}`}
          />
          <Button
            size="small"
            onClick={() => setCart(Object.fromEntries(Object.entries(cart).filter(([k]) => k !== id)))}
            data-testid={`counter-remove-${id}`}
          >
            {w.remove}
          </Button>
        </Flex>
      ))}
      <Typography.Text strong data-testid="counter-total">
        {w.total}：{total}
      </Typography.Text>
    </Card>
  );
}

/** 柜台兑换: scan or paste the volunteer's rotating code, fill the cart, redeem (one id per cart: a repeat books once). */
export default function CounterPage() {
  const w = useSupermarketWords();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const market = useSupermarket(id);
  const items = useSupermarketItems({ supermarketId: id, page: 1, pageSize: 100 });
  const lookup = useCounterLookup();
  const redeem = useCounterRedeem({ success: 'app.done' });
  const [code, setCode] = useState('');
  const [who, setWho] = useState<CounterVolunteer | null>(null);
  const [cart, setCart] = useState<Cart>({});
  const [cartId, setCartId] = useState(newSubmissionId);
  const [done, setDone] = useState<Redemption | null>(null);

  const identify = () =>
    void lookup
      .mutateAsync({ supermarketId: id, code: code.trim() })
      .then((v) => {
        setWho(v);
        setDone(null);
      })
      .catch(() => undefined); // the hook shows the refusal
  const submit = () =>
    void redeem
      .mutateAsync({
        id: cartId,
        supermarketId: id,
        code: code.trim(),
        lines: Object.entries(cart).map(([itemId, quantity]) => ({ itemId, quantity })),
      })
      .then((r) => {
        setDone(r);
        setCart({});
        setWho(null);
        setCode('');
        setCartId(newSubmissionId());
      })
      .catch(() => undefined); // the hook shows the refusal

  return (
    <>
      <PageHeader
        title={`${w.counter}${market.data ? ` · ${market.data.name}` : ''}`}
        extra={<Button onClick={() => navigate(`/supermarket/${id}`)}>{w.back}</Button>}
      />
      <Flex vertical gap={16} style={{ maxWidth: 720 }}>
        <Typography.Text type="secondary">{w.counterHint}</Typography.Text>
        <Flex gap={8} wrap>
          <Input
            style={{ flex: 1, minWidth: 220 }}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={identify}
            aria-label={w.code}
            placeholder={w.code}
            maxLength={200}
            data-testid="counter-code"
          />
          <Button onClick={identify} loading={lookup.isPending} disabled={!code.trim()} data-testid="counter-lookup">
            {w.lookup}
          </Button>
        </Flex>
        <ErrorAlert error={lookup.error ?? redeem.error} />
        {done ? (
          <Alert
            type="success"
            data-testid="counter-done"
            message={`${w.redeemed}：${done.volunteerName} · ${done.totalPoints} ${w.points}`}
          />
        ) : null}
        {who ? (
          <Descriptions size="small" bordered column={1} data-testid="counter-volunteer">
            <Descriptions.Item label={w.volunteer}>{who.maskedName}</Descriptions.Item>
            <Descriptions.Item label={w.myBalance}>
              <span data-testid="counter-balance">{who.balance}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <CartCard items={items.data?.items ?? []} cart={cart} setCart={setCart} />
        <Flex justify="end">
          <Button
            type="primary"
            size="large"
            disabled={!who || Object.keys(cart).length === 0}
            loading={redeem.isPending}
            onClick={submit}
            data-testid="counter-redeem"
          >
            {w.redeem}
          </Button>
        </Flex>
      </Flex>
    </>
  );
}
