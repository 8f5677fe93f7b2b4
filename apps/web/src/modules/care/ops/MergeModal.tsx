import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../../i18n';
import type { ClientDetail } from '../../../lib/types';
import { useClients } from '../api';
import { applyNestedFieldErrors } from '../cases/form-errors';
import { useMergeClient, useUndoMerge, type ClientMerge } from './api';

interface MergeValues {
  intoId?: string;
  reason?: string;
}

const MOVED_KINDS = new Set(['visits', 'cancelled_visits', 'assessments', 'tier_changes', 'cases', 'referrals', 'consents']);

function MergeResult({ merge, onUndone }: { merge: ClientMerge; onUndone: (m: ClientMerge) => void }) {
  const { t } = useI18n();
  const undo = useUndoMerge();
  const moved = Object.entries(merge.moved).filter(([, n]) => n > 0);
  const kind = (k: string) => (MOVED_KINDS.has(k) ? t(`care3.merge.kind.${k}` as MessageKey) : k);
  return (
    <Flex vertical gap={12} data-testid="merge-result">
      <Alert
        type={merge.undoneAt ? 'info' : 'success'}
        showIcon
        title={merge.undoneAt ? t('care3.merge.undone') : t('care3.merge.done')}
        description={
          moved.length
            ? `${t('care3.merge.moved')}${moved.map(([k, n]) => `${kind(k)} × ${n}`).join('，')}`
            : t('care3.merge.nothingMoved')
        }
      />
      <ErrorAlert error={undo.error} testId="merge-undo-error" />
      <Flex wrap gap={8}>
        {!merge.undoneAt ? (
          <Button danger loading={undo.isPending} onClick={() => undo.mutate(merge.id, { onSuccess: onUndone })} data-testid="merge-undo">
            {t('care3.merge.undo')}
          </Button>
        ) : null}
        {!merge.undoneAt ? <Link to={`/care/clients/${encodeURIComponent(merge.targetId)}`}>{t('care3.merge.viewTarget')}</Link> : null}
      </Flex>
    </Flex>
  );
}

/** Merges this client (a duplicate) into another record chosen by name/pinyin search; the result offers an undo. */
/** onClose gets the merge when one is in force (not undone), so the caller can move on to the kept record. */
export function MergeModal({ client, onClose }: { client: ClientDetail; onClose: (merged: ClientMerge | null) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<MergeValues>();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<ClientMerge | null>(null);
  const clients = useClients({ q: q.trim() || undefined }, 1, 20);
  const merge = useMergeClient();
  const options = (clients.data?.items ?? [])
    .filter((c) => c.id !== client.id)
    .map((c) => ({ value: c.id, label: `${c.name}${c.age !== null ? ` · ${c.age}` : ''}${c.idNumberMasked ? ` · ${c.idNumberMasked}` : ''}` }));

  const close = () => onClose(result && !result.undoneAt ? result : null);

  const handleFinish = (v: MergeValues) => {
    merge.mutate(
      { id: client.id, intoId: v.intoId ?? '', reason: (v.reason ?? '').trim() },
      { onSuccess: setResult, onError: (err) => applyNestedFieldErrors(form, err) },
    );
  };

  return (
    <Modal
      open
      title={t('care3.merge.title')}
      onCancel={close}
      destroyOnHidden
      footer={result ? [<Button key="close" onClick={close}>{t('app.close')}</Button>] : undefined}
      okText={t('care3.merge.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      confirmLoading={merge.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'merge-submit' }}
    >
      {result ? (
        <MergeResult merge={result} onUndone={setResult} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('care3.merge.hint', { name: client.name })}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={handleFinish} initialValues={{ reason: '' }}>
            <Form.Item name="intoId" label={t('care3.merge.target')} rules={[{ required: true, message: t('care3.required') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setQ }}
                placeholder={t('care3.merge.search')}
                options={options}
                loading={clients.isFetching}
                notFoundContent={null}
                data-testid="merge-target"
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('care3.merge.reason')}
              rules={[{ validator: (_, v: string | undefined) => ((v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('care3.minChars', { n: 2 })))) }]}
            >
              <Input.TextArea rows={2} maxLength={300} data-testid="merge-reason" />
            </Form.Item>
          </Form>
          <ErrorAlert error={merge.error} testId="merge-error" />
        </>
      )}
    </Modal>
  );
}
