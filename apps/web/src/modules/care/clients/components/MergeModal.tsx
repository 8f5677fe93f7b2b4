import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Select, Typography } from 'antd';
import { ClientMergeInput } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { FormModal } from '../../../../components/FormModal';
import { useI18n, type MessageKey } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { ClientDetail, ClientMerge } from '../../shared/types';
import { useClients, useMergeClient, useUndoMerge } from '../api';

interface MergeValues {
  intoId?: string;
  reason?: string;
}

const MOVED_KINDS = new Set([
  'visits',
  'cancelled_visits',
  'assessments',
  'tier_changes',
  'cases',
  'referrals',
  'consents',
]);

function MergeResult({ merge, onUndone }: { merge: ClientMerge; onUndone: (m: ClientMerge) => void }) {
  const { t } = useI18n();
  const undo = useUndoMerge();
  const moved = Object.entries(merge.moved).filter(([, n]) => n > 0);
  const kind = (k: string) => (MOVED_KINDS.has(k) ? t(`care.client.merge.kind.${k}` as MessageKey) : k);
  return (
    <Flex vertical gap={12} data-testid="merge-result">
      <Alert
        type={merge.undoneAt ? 'info' : 'success'}
        showIcon
        title={merge.undoneAt ? t('care.client.merge.undone') : t('care.client.merge.done')}
        description={
          moved.length
            ? `${t('care.client.merge.moved')}${moved.map(([k, n]) => `${kind(k)} × ${n}`).join('，')}`
            : t('care.client.merge.nothingMoved')
        }
      />
      <ErrorAlert error={undo.error} testId="merge-undo-error" />
      <Flex wrap gap={8}>
        {!merge.undoneAt ? (
          <Button
            danger
            loading={undo.isPending}
            disabled={undo.isPending}
            onClick={() => undo.mutate(merge.id, { onSuccess: onUndone })}
            data-testid="merge-undo"
          >
            {t('care.client.merge.undo')}
          </Button>
        ) : null}
        {!merge.undoneAt ? (
          <Link to={`/care/clients/${encodeURIComponent(merge.targetId)}`}>{t('care.client.merge.viewTarget')}</Link>
        ) : null}
      </Flex>
    </Flex>
  );
}

/**
 * Merges this client (a duplicate) into another record chosen by name/pinyin search; the result offers an undo.
 * onClose gets the merge when one is in force (not undone), so the caller can move on to the kept record.
 */
export function MergeModal({
  client,
  onClose,
}: {
  client: ClientDetail;
  onClose: (merged: ClientMerge | null) => void;
}) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<MergeValues>();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<ClientMerge | null>(null);
  const clients = useClients({ q: q.trim() || undefined }, 1, 20);
  const merge = useMergeClient({ form });
  const options = (clients.data?.items ?? [])
    .filter((c) => c.id !== client.id)
    .map((c) => ({
      value: c.id,
      label: `${c.name}${c.age !== null ? ` · ${c.age}` : ''}${c.idNumberMasked ? ` · ${c.idNumberMasked}` : ''}`,
    }));

  const close = () => onClose(result && !result.undoneAt ? result : null);

  const handleSubmit = (v: MergeValues) =>
    merge.mutateAsync({ id: client.id, intoId: v.intoId ?? '', reason: (v.reason ?? '').trim() }).then(setResult);

  return (
    <FormModal
      title={t('care.client.merge.title')}
      form={form}
      onSubmit={handleSubmit}
      onClose={close}
      initialValues={{ reason: '' }}
      okText={t('care.client.merge.submit')}
      okDanger
      okTestId="merge-submit"
      error={merge.alertError}
      errorTestId="merge-error"
      result={result ? <MergeResult merge={result} onUndone={setResult} /> : undefined}
    >
      <Typography.Paragraph type="secondary">{t('care.client.merge.hint', { name: client.name })}</Typography.Paragraph>
      <Form.Item name="intoId" label={t('care.client.merge.target')} rules={rules(ClientMergeInput.shape.intoId)}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('care.client.merge.search')}
          options={options}
          loading={clients.isFetching}
          notFoundContent={null}
          data-testid="merge-target"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('care.client.merge.reason')} rules={rules(ClientMergeInput.shape.reason)}>
        <Input.TextArea
          rows={2}
          maxLength={schemaLimits(ClientMergeInput.shape.reason).max}
          data-testid="merge-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
