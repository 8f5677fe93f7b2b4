import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, Pagination, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { WishConfirmInput } from '@linli/contracts/modules/wishes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { useSchemaForm } from '../../../lib/schema-form';
import { useMyWishStep, useMyWishes } from '../api';
import { WishCardView } from '../components/WishCardView';
import { useWishesWords } from '../words';

/** 确认收到: with an optional public thanks, which staff review before it shows on the wall. */
function ConfirmDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const w = useWishesWords();
  const [form] = Form.useForm<{ thanks?: string }>();
  const step = useMyWishStep({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  return (
    <FormModal
      title={w.confirmReceipt}
      form={form}
      onClose={onClose}
      error={step.alertError}
      okTestId="m-wish-confirm-ok"
      onSubmit={(v) =>
        step.mutateAsync({ id, step: 'confirm', body: v.thanks ? { thanks: v.thanks } : {} }).then(onClose)
      }
    >
      <Form.Item name="thanks" label={w.thanksOptional} rules={rules(WishConfirmInput.shape.thanks)}>
        <Input.TextArea rows={3} maxLength={200} data-testid="m-wish-thanks" />
      </Form.Item>
    </FormModal>
  );
}

/** 我的心愿: the resident's own wishes with their state; confirm receipt, withdraw before a claim. */
export default function MyWishesPage() {
  const w = useWishesWords();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useMyWishes(page);
  const step = useMyWishStep({ success: 'app.done' });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {w.mine}
        </Typography.Title>
        <Button type="primary" size="large" onClick={() => navigate('/m/wishes/new')} data-testid="m-wish-new-2">
          {w.post}
        </Button>
      </Flex>
      <div style={{ marginTop: 12 }}>
        {list.isPending ? <Loading minHeight={120} /> : null}
        <ErrorAlert error={list.error ?? step.error} onRetry={() => void list.refetch()} />
        {list.data && !list.data.items.length ? <Empty description={w.none} /> : null}
        <Flex vertical gap={12} data-testid="m-wishes-list">
          {list.data?.items.map((wish) => (
            <WishCardView
              key={wish.id}
              wish={wish}
              actions={
                <>
                  {wish.rejectReason ? (
                    <Typography.Text type="danger">
                      {w.rejectReason}：{wish.rejectReason}
                    </Typography.Text>
                  ) : null}
                  {wish.thanksStatus === 'pending' ? (
                    <Typography.Text type="secondary">{w.thanksPending}</Typography.Text>
                  ) : null}
                  {wish.allowedActions.includes('confirm') ? (
                    <Button
                      type="primary"
                      size="large"
                      onClick={() => setConfirming(wish.id)}
                      data-testid={`m-wish-confirm-${wish.id}`}
                    >
                      {w.confirmReceipt}
                    </Button>
                  ) : null}
                  {wish.allowedActions.includes('withdraw') ? (
                    <Button
                      size="large"
                      onClick={() =>
                        modal.confirm({
                          content: w.withdrawConfirm,
                          onOk: () => step.mutateAsync({ id: wish.id, step: 'withdraw' }),
                        })
                      }
                      data-testid={`m-wish-withdraw-${wish.id}`}
                    >
                      {w.withdraw}
                    </Button>
                  ) : null}
                </>
              }
            />
          ))}
        </Flex>
        {list.data && list.data.total > list.data.pageSize ? (
          <Pagination
            style={{ marginTop: 12 }}
            current={page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onChange={setPage}
            simple
          />
        ) : null}
      </div>
      {confirming ? <ConfirmDialog id={confirming} onClose={() => setConfirming(null)} /> : null}
    </>
  );
}
