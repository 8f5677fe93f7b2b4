import { useState } from 'react';
import { App, Button, Empty, Flex, Input, Modal, Table, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import type { TierApproval } from '../../../lib/types';
import { useDecideTier, useTierApprovals } from '../api';
import { TierTag } from '../components/CareTags';
import { useCareAreas } from '../useCareAreas';

/** Rejection asks for a note (why the client stays at the current tier). */
function RejectModal({ approval, onClose }: { approval: TierApproval; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const decide = useDecideTier();
  const [note, setNote] = useState('');
  return (
    <Modal
      open
      title={t('care.approvals.rejectTitle', { name: approval.clientName })}
      onCancel={onClose}
      okText={t('care.approvals.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'reject-submit' }}
      cancelText={t('app.cancel')}
      confirmLoading={decide.isPending}
      onOk={() =>
        decide.mutate(
          { id: approval.id, approve: false, note: note.trim() || undefined },
          { onSuccess: () => { void message.success(t('app.done')); onClose(); } },
        )
      }
    >
      <Input.TextArea rows={3} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('care.approvals.note')} data-testid="reject-note" />
      <ErrorAlert error={decide.error} />
    </Modal>
  );
}

export default function TierApprovalsPage() {
  const { t, errorMessage } = useI18n();
  const { message } = App.useApp();
  const areas = useCareAreas();
  const approvals = useTierApprovals();
  const decide = useDecideTier();
  const [rejecting, setRejecting] = useState<TierApproval | null>(null);

  const approve = (a: TierApproval) =>
    decide.mutate(
      { id: a.id, approve: true },
      { onSuccess: () => void message.success(t('app.done')), onError: (e) => void message.error(errorMessage(e)) },
    );

  const columns: TableProps<TierApproval>['columns'] = [
    { key: 'client', title: t('care.field.name'), width: 120, render: (_, a) => <Link to={`/care/clients/${a.clientId}`}>{a.clientName}</Link> },
    { key: 'community', title: t('care.field.community'), width: 130, render: (_, a) => areas.nameOf(a.communityCode) },
    {
      key: 'change',
      title: t('care.approvals.change'),
      width: 130,
      render: (_, a) => (
        <>
          <TierTag tier={a.fromTier} /> → <TierTag tier={a.toTier} />
        </>
      ),
    },
    { key: 'reason', title: t('care.approvals.reason'), width: 220, render: (_, a) => a.reason ?? '—' },
    { key: 'by', title: t('care.approvals.requestedBy'), width: 110, render: (_, a) => a.requestedBy ?? '—' },
    { key: 'at', title: t('care.approvals.requestedAt'), width: 170, render: (_, a) => formatDateTime(a.requestedAt) },
    {
      key: 'actions',
      title: t('care.approvals.actions'),
      width: 160,
      render: (_, a) => (
        <Flex gap={8}>
          <Button type="primary" size="small" loading={decide.isPending && decide.variables?.id === a.id} onClick={() => approve(a)} data-testid={`approve-${a.id}`}>
            {t('care.approvals.approve')}
          </Button>
          <Button danger size="small" onClick={() => setRejecting(a)} data-testid={`reject-${a.id}`}>
            {t('care.approvals.reject')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('care.approvals.title')} />
      <Flex vertical gap={16}>
        <ErrorAlert error={approvals.error} onRetry={() => void approvals.refetch()} />
        <div className="linli-table-scroll">
          <Table<TierApproval>
            data-testid="approvals-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={approvals.data?.items ?? []}
            loading={approvals.isFetching}
            scroll={{ x: 1040 }}
            pagination={false}
            locale={{ emptyText: <Empty data-testid="approvals-empty" description={t('care.approvals.none')} /> }}
          />
        </div>
      </Flex>
      {rejecting ? <RejectModal approval={rejecting} onClose={() => setRejecting(null)} /> : null}
    </>
  );
}
