import { useState } from 'react';
import { App, Button, type ButtonProps, Flex, Tag, Typography } from 'antd';
import { Can } from '../../../../components/Can';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { ApprovalTabs, useApprovalView, useDecisionColumns } from '../../shared/Approvals';
import type { ExportRequest, ExportStatus } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { downloadExport, useDecideExport, useExportRequests } from '../api';

const STATUS_COLORS: Record<ExportStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  downloaded: 'blue',
  expired: 'default',
};

export default function ExportRequestsPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const areas = useCareAreas();
  const { list, view, setView } = useApprovalView();
  const requests = useExportRequests(view);
  const decisionColumns = useDecisionColumns<ExportRequest>((r) => ({
    id: r.id,
    decision: r.status === 'pending' ? null : r.status === 'rejected' ? 'rejected' : 'approved',
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
  }));
  const decide = useDecideExport({ success: 'app.done' });
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const handleDecide = (r: ExportRequest, approve: boolean) => {
    setError(null);
    const areaNames = r.areas.map((a) => a.name).join('、');
    void modal.confirm({
      title: approve ? t('app.approve') : t('app.reject'),
      // Says what will happen (F3): which areas, and how many unmasked rows the filter matched.
      content: (
        <span data-testid="export-confirm-text">
          {approve
            ? t('care.export.approveConfirm', { areas: areaNames, rows: (r.estimatedRows ?? 0).toLocaleString('en') })
            : t('care.export.rejectConfirm', { areas: areaNames })}
        </span>
      ),
      okText: t('app.ok'),
      okButtonProps: { 'data-testid': 'export-confirm-ok' } as ButtonProps,
      cancelText: t('app.cancel'),
      onOk: () => decide.mutateAsync({ id: r.id, approve }).catch((err: unknown) => setError(err)),
    });
  };

  const handleDownload = (r: ExportRequest) => {
    if (downloading) return;
    setError(null);
    setDownloading(r.id);
    downloadExport(r.id)
      .then(() => requests.refetch())
      .catch(setError)
      .finally(() => setDownloading(null));
  };

  const filterText = (f: ExportRequest['filter']) => {
    const parts = Object.entries(f)
      .filter(([, v]) => v)
      .map(([k, v]) => (k === 'communityCode' || k === 'gridCode' ? areas.nameOf(v) : `${k}=${v}`));
    return parts.length ? parts.join('，') : t('care.export.allClients');
  };

  const columns: DataColumn<ExportRequest>[] = [
    { key: 'createdAt', title: t('care.export.createdAt'), width: 160, render: (r) => formatDateTime(r.createdAt) },
    { key: 'requester', title: t('care.export.requester'), width: 110, card: 'title', render: (r) => r.requesterName },
    {
      key: 'areas',
      title: t('care.export.areas'),
      width: 150,
      render: (r) => <span data-testid={`export-areas-${r.id}`}>{r.areas.map((a) => a.name).join('、')}</span>,
    },
    { key: 'filter', title: t('care.export.filter'), width: 160, render: (r) => filterText(r.filter) },
    { key: 'reason', title: t('app.reason'), width: 200, render: (r) => <Typography.Text>{r.reason}</Typography.Text> },
    {
      key: 'status',
      title: t('care.export.status'),
      width: 100,
      card: 'extra',
      render: (r) => (
        <Tag color={STATUS_COLORS[r.status]} data-testid={`export-status-${r.id}`}>
          {t(`care.export.status.${r.status}`)}
        </Tag>
      ),
    },
    { key: 'expiresAt', title: t('care.export.expiresAt'), width: 160, render: (r) => formatDateTime(r.expiresAt) },
    {
      key: 'rows',
      title: t('care.export.rows'),
      width: 90,
      render: (r) => (
        <span data-testid={`export-rows-${r.id}`}>
          {r.rowCount ?? (r.estimatedRows === null ? '—' : `≈${r.estimatedRows.toLocaleString()}`)}
        </span>
      ),
    },
    ...(view === 'decided' ? decisionColumns : []),
    {
      key: 'actions',
      title: t('app.actions'),
      width: 170,
      card: 'actions',
      render: (r) => (
        <ExportActions
          request={r}
          downloading={downloading}
          onDecide={(approve) => handleDecide(r, approve)}
          onDownload={() => handleDownload(r)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('care.export.title')} />
      <ApprovalTabs view={view} onChange={setView} />
      <Flex vertical gap={16}>
        <ErrorAlert error={error} testId="export-action-error" />
        <DataTable<ExportRequest>
          testId="exports-table"
          rowKey={(r) => r.id}
          columns={columns}
          items={requests.data?.items}
          query={requests}
          empty={t(view === 'pending' ? 'care.export.none' : 'care.export.noneDecided')}
          scrollX={view === 'pending' ? 1160 : 1720}
          paging={{ page: list.page, pageSize: list.pageSize, onChange: list.setPage }}
        />
      </Flex>
    </>
  );
}

/** A request's buttons: approve and reject for those who may decide it, download once it is approved. */
function ExportActions({
  request: r,
  downloading,
  onDecide,
  onDownload,
}: {
  request: ExportRequest;
  /** The request being downloaded, if any: one download at a time. */
  downloading: string | null;
  onDecide: (approve: boolean) => void;
  onDownload: () => void;
}) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={8}>
      <Can allowed={r.allowedActions} action="decide">
        <Button size="small" type="primary" onClick={() => onDecide(true)} data-testid={`export-approve-${r.id}`}>
          {t('app.approve')}
        </Button>
        <Button size="small" danger onClick={() => onDecide(false)} data-testid={`export-reject-${r.id}`}>
          {t('app.reject')}
        </Button>
      </Can>
      <Can allowed={r.allowedActions} action="download">
        <Button
          size="small"
          loading={downloading === r.id}
          disabled={!!downloading}
          onClick={onDownload}
          data-testid={`export-download-${r.id}`}
        >
          {t('care.export.download')}
        </Button>
      </Can>
    </Flex>
  );
}
