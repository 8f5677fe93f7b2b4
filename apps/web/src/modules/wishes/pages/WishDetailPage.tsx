import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Image, Input, Timeline } from 'antd';
import { useParams } from 'react-router-dom';
import { WishConfirmInput, WishRejectInput, type Wish } from '@linli/contracts/modules/wishes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useStaffStep, useWish } from '../api';
import { WishStatusTag } from '../components/WishStatusTag';
import { useWishesWords } from '../words';

type Dialog = 'reject' | 'confirm' | null;

function StepDialog({ wish, dialog, onClose }: { wish: Wish; dialog: 'reject' | 'confirm'; onClose: () => void }) {
  const w = useWishesWords();
  const [form] = Form.useForm<{ reason?: string; thanks?: string }>();
  const step = useStaffStep({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  const reject = dialog === 'reject';
  return (
    <FormModal
      title={reject ? w.reject : w.confirmOnBehalf}
      form={form}
      onClose={onClose}
      error={step.alertError}
      okTestId="wish-step-ok"
      onSubmit={(v) =>
        step
          .mutateAsync(
            reject
              ? { id: wish.id, step: 'reject', body: { reason: v.reason ?? '' } }
              : { id: wish.id, step: 'confirm', body: v.thanks ? { thanks: v.thanks } : {} },
          )
          .then(onClose)
      }
    >
      {reject ? (
        <Form.Item name="reason" label={w.rejectReason} rules={rules(WishRejectInput.shape.reason, { required: true })}>
          <Input.TextArea
            rows={3}
            maxLength={schemaLimits(WishRejectInput.shape.reason).max}
            data-testid="wish-reject-reason"
          />
        </Form.Item>
      ) : (
        <Form.Item name="thanks" label={w.thanksOptional} rules={rules(WishConfirmInput.shape.thanks)}>
          <Input.TextArea rows={2} maxLength={200} data-testid="wish-confirm-thanks" />
        </Form.Item>
      )}
    </FormModal>
  );
}

function Actions({ wish, onDialog }: { wish: Wish; onDialog: (d: Dialog) => void }) {
  const w = useWishesWords();
  const { modal } = App.useApp();
  const step = useStaffStep({ success: 'app.done' });
  const has = (a: Wish['allowedActions'][number]) => wish.allowedActions.includes(a);
  return (
    <Flex gap={8} wrap>
      {has('publish') ? (
        <Button
          type="primary"
          onClick={() =>
            modal.confirm({
              content: w.publish,
              onOk: () => step.mutateAsync({ id: wish.id, step: 'publish', body: {} }),
            })
          }
          data-testid="wish-publish"
        >
          {w.publish}
        </Button>
      ) : null}
      {has('reject') ? (
        <Button danger onClick={() => onDialog('reject')} data-testid="wish-reject">
          {w.reject}
        </Button>
      ) : null}
      {has('confirm') ? (
        <Button onClick={() => onDialog('confirm')} data-testid="wish-confirm">
          {w.confirmOnBehalf}
        </Button>
      ) : null}
      {has('moderate_thanks') ? (
        <>
          <Button
            onClick={() => step.mutate({ id: wish.id, step: 'thanks', body: { approve: true } })}
            data-testid="wish-thanks-approve"
          >
            {w.approveThanks}
          </Button>
          <Button
            onClick={() => step.mutate({ id: wish.id, step: 'thanks', body: { approve: false } })}
            data-testid="wish-thanks-reject"
          >
            {w.rejectThanks}
          </Button>
        </>
      ) : null}
      <ErrorAlert error={step.error} />
    </Flex>
  );
}

/** A wish as staff see it: the public card, the beneficiary masked, consent, claim, fulfilment and history. */
export default function WishDetailPage() {
  const w = useWishesWords();
  const { id = '' } = useParams();
  const wish = useWish(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (wish.isPending) return <Loading />;
  if (!wish.data) return <ErrorAlert error={wish.error} onRetry={() => void wish.refetch()} />;
  const d = wish.data;
  const claimant = d.claimantKind === 'volunteer' ? w.volunteer : d.claimantName;
  return (
    <>
      <PageHeader title={`${d.title} · ${d.number}`} extra={<WishStatusTag status={d.status} />} />
      <Flex vertical gap={16}>
        <Actions wish={d} onDialog={setDialog} />
        <Card size="small">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={w.publicText}>{d.publicText}</Descriptions.Item>
            <Descriptions.Item label={w.value}>{d.estimatedValue}</Descriptions.Item>
            <Descriptions.Item label={w.community}>{d.areaName}</Descriptions.Item>
            <Descriptions.Item label={w.beneficiary}>
              {[d.beneficiaryNameMasked, d.beneficiaryPhoneMasked].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={w.consentAt}>{formatDateTime(d.consentAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label={w.claimant}>{claimant ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={w.expiresAt}>{formatDateTime(d.claimExpiresAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label={w.fulfilmentNote}>{d.fulfilmentNote ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={w.thanks}>
              {d.myThanks ? `${d.myThanks}${d.thanksStatus === 'pending' ? `（${w.thanksPending}）` : ''}` : '—'}
            </Descriptions.Item>
            {d.rejectReason ? <Descriptions.Item label={w.rejectReason}>{d.rejectReason}</Descriptions.Item> : null}
          </Descriptions>
          {d.photoCount > 0 ? (
            <Image.PreviewGroup>
              <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="wish-photos">
                {Array.from({ length: d.photoCount }, (_, n) => (
                  <Image key={n} width={120} src={`/api/wishes/${d.id}/photo?n=${n}`} alt={`${w.photos} ${n + 1}`} />
                ))}
              </Flex>
            </Image.PreviewGroup>
          ) : null}
        </Card>
        <Card size="small" title={w.history}>
          <Timeline
            data-testid="wish-history"
            items={d.events.map((e) => ({
              children: `${formatDateTime(e.at)} ${w.events[e.kind] ?? e.kind}${e.actorName ? ` · ${e.actorName}` : ''}`,
            }))}
          />
        </Card>
      </Flex>
      {dialog ? <StepDialog wish={d} dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
