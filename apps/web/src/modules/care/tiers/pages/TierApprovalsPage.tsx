import { useState } from 'react';
import { App, Button, Flex, Form, Input } from 'antd';
import { TierDecisionInput } from '@linli/contracts';
import { Link } from 'react-router-dom';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { FormModal } from '../../../../components/FormModal';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { useListState } from '../../../../lib/use-list-state';
import { TierTag } from '../../shared/CareTags';
import type { TierApproval } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useDecideTier, useTierApprovals } from '../api';

/** Rejection asks for a note (why the client stays at the current tier). */
function RejectModal({ approval, onClose }: { approval: TierApproval; onClose: () => void }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ note?: string }>();
  const decide = useDecideTier({ form, success: 'app.done' });
  return (
    <FormModal
      title={t('care.tiers.approvals.rejectTitle', { name: approval.clientName })}
      form={form}
      onSubmit={({ note }) =>
        decide.mutateAsync({ id: approval.id, approve: false, note: note?.trim() || undefined }).then(onClose)
      }
      onClose={onClose}
      okText={t('app.reject')}
      okDanger
      okTestId="reject-submit"
      error={decide.alertError}
    >
      <Form.Item name="note" rules={rules(TierDecisionInput.shape.note)}>
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(TierDecisionInput.shape.note).max}
          placeholder={t('care.tiers.approvals.note')}
          data-testid="reject-note"
        />
      </Form.Item>
    </FormModal>
  );
}

const LIST = { url: {} };

export default function TierApprovalsPage() {
  const { t, errorMessage } = useI18n();
  const { message } = App.useApp();
  const areas = useCareAreas();
  const list = useListState(LIST);
  const approvals = useTierApprovals();
  const decide = useDecideTier({ success: 'app.done' });
  const [rejecting, setRejecting] = useState<TierApproval | null>(null);

  const approve = (a: TierApproval) =>
    decide.mutate({ id: a.id, approve: true }, { onError: (e) => void message.error(errorMessage(e)) });

  const columns: DataColumn<TierApproval>[] = [
    {
      key: 'client',
      title: t('care.field.name'),
      width: 120,
      card: 'title',
      render: (a) => <Link to={`/care/clients/${a.clientId}`}>{a.clientName}</Link>,
    },
    { key: 'community', title: t('care.field.community'), width: 130, render: (a) => areas.nameOf(a.communityCode) },
    {
      key: 'change',
      title: t('care.tiers.approvals.change'),
      width: 130,
      render: (a) => (
        <>
          <TierTag tier={a.fromTier} /> → <TierTag tier={a.toTier} />
        </>
      ),
    },
    { key: 'reason', title: t('app.reason'), width: 220, render: (a) => a.reason ?? '—' },
    { key: 'by', title: t('care.tiers.approvals.requestedBy'), width: 110, render: (a) => a.requestedBy ?? '—' },
    {
      key: 'at',
      title: t('care.tiers.approvals.requestedAt'),
      width: 170,
      render: (a) => formatDateTime(a.requestedAt),
    },
    {
      key: 'actions',
      title: t('app.actions'),
      width: 160,
      card: 'actions',
      render: (a) => (
        <Flex gap={8}>
          <Button
            type="primary"
            size="small"
            loading={decide.isPending && decide.variables?.id === a.id}
            disabled={decide.isPending}
            onClick={() => approve(a)}
            data-testid={`approve-${a.id}`}
          >
            {t('care.tiers.approvals.approve')}
          </Button>
          <Button danger size="small" onClick={() => setRejecting(a)} data-testid={`reject-${a.id}`}>
            {t('app.reject')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('care.tiers.approvals.title')} />
      <DataTable<TierApproval>
        testId="approvals-table"
        rowKey={(a) => a.id}
        columns={columns}
        items={approvals.data?.items}
        query={approvals}
        empty={t('care.tiers.approvals.none')}
        emptyTestId="approvals-empty"
        scrollX={1040}
        paging={{ page: list.page, pageSize: list.pageSize, onChange: list.setPage }}
      />
      {rejecting ? <RejectModal approval={rejecting} onClose={() => setRejecting(null)} /> : null}
    </>
  );
}
