import { useState } from 'react';
import { App, Button, type ButtonProps, Flex, Segmented, Tag, Typography } from 'antd';
import { Can } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { type IdExportRequest, downloadIdExport, useDecideIdExport, useIdExportRequests } from '../api';
import { useHoursWords } from '../words';

const STATUS_COLORS: Record<string, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  downloaded: 'blue',
  expired: 'default',
};

/**
 * 全量导出申请: requests for the national CSV with full ID numbers, as care's export page shows its own — the state of
 * each, approve / reject for those who may decide it, and the one download for its requester once approved.
 */
export function IdExportsTab() {
  const w = useHoursWords();
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [view, setView] = useState<'pending' | 'decided'>('pending');
  const requests = useIdExportRequests(view);
  const decide = useDecideIdExport({ success: 'app.done' });
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const areaNames = (r: IdExportRequest) => r.areas.map((a) => a.name).join('、');
  const handleDecide = (r: IdExportRequest, approve: boolean) => {
    setError(null);
    void modal.confirm({
      title: approve ? t('app.approve') : t('app.reject'),
      content: (
        <span data-testid="hours-id-export-confirm-text">
          {approve
            ? w.exportApproveConfirm(areaNames(r), (r.estimatedRows ?? 0).toLocaleString('en'))
            : w.exportRejectConfirm(areaNames(r))}
        </span>
      ),
      okText: t('app.ok'),
      okButtonProps: { 'data-testid': 'hours-id-export-confirm-ok' } as ButtonProps,
      cancelText: t('app.cancel'),
      onOk: () => decide.mutateAsync({ id: r.id, approve }).catch((err: unknown) => setError(err)),
    });
  };
  const handleDownload = (r: IdExportRequest) => {
    if (downloading) return;
    setError(null);
    setDownloading(r.id);
    downloadIdExport(r.id)
      .then(() => requests.refetch())
      .catch(setError)
      .finally(() => setDownloading(null));
  };

  const columns: DataColumn<IdExportRequest>[] = [
    { key: 'createdAt', title: w.exportCreatedAt, width: 160, render: (r) => formatDateTime(r.createdAt) },
    { key: 'requester', title: w.exportRequester, width: 110, card: 'title', render: (r) => r.requesterName },
    {
      key: 'areas',
      title: w.exportAreas,
      width: 150,
      render: (r) => <span data-testid={`hours-id-export-areas-${r.id}`}>{areaNames(r)}</span>,
    },
    {
      key: 'period',
      title: w.exportPeriod,
      width: 190,
      render: (r) =>
        r.filter.from || r.filter.to ? `${r.filter.from ?? '…'} ~ ${r.filter.to ?? '…'}` : w.exportAllPeriod,
    },
    { key: 'reason', title: w.reason, width: 200, render: (r) => <Typography.Text>{r.reason}</Typography.Text> },
    {
      key: 'status',
      title: w.status,
      width: 100,
      card: 'extra',
      render: (r) => (
        <Tag color={STATUS_COLORS[r.status]} data-testid={`hours-id-export-status-${r.id}`}>
          {w.exportStatuses[r.status]}
        </Tag>
      ),
    },
    { key: 'expiresAt', title: w.exportExpiresAt, width: 160, render: (r) => formatDateTime(r.expiresAt) },
    {
      key: 'rows',
      title: w.exportRows,
      width: 90,
      render: (r) => r.rowCount ?? (r.estimatedRows === null ? '—' : `≈${r.estimatedRows.toLocaleString()}`),
    },
    ...(view === 'decided'
      ? ([
          { key: 'decidedBy', title: w.exportDecidedBy, width: 110, render: (r) => r.decidedByName ?? '—' },
          { key: 'decidedAt', title: w.exportDecidedAt, width: 160, render: (r) => formatDateTime(r.decidedAt) },
          { key: 'note', title: w.note, width: 180, render: (r) => r.decisionNote ?? '—' },
        ] satisfies DataColumn<IdExportRequest>[])
      : []),
    {
      key: 'actions',
      title: t('app.actions'),
      width: 170,
      card: 'actions',
      render: (r) => (
        <Flex wrap gap={8}>
          <Can allowed={r.allowedActions} action="decide">
            <Button
              size="small"
              type="primary"
              onClick={() => handleDecide(r, true)}
              data-testid={`hours-id-export-approve-${r.id}`}
            >
              {t('app.approve')}
            </Button>
            <Button
              size="small"
              danger
              onClick={() => handleDecide(r, false)}
              data-testid={`hours-id-export-reject-${r.id}`}
            >
              {t('app.reject')}
            </Button>
          </Can>
          <Can allowed={r.allowedActions} action="download">
            <Button
              size="small"
              loading={downloading === r.id}
              disabled={!!downloading}
              onClick={() => handleDownload(r)}
              data-testid={`hours-id-export-download-${r.id}`}
            >
              {w.exportDownload}
            </Button>
          </Can>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Segmented
        aria-label={w.tabExports}
        value={view}
        onChange={(v) => setView(v as 'pending' | 'decided')}
        options={[
          { value: 'pending', label: <span data-testid="hours-id-exports-pending">{w.viewPending}</span> },
          { value: 'decided', label: <span data-testid="hours-id-exports-decided">{w.viewDecided}</span> },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <ErrorAlert error={error} testId="hours-id-export-error" />
      <DataTable<IdExportRequest>
        testId="hours-id-exports"
        rowKey={(r) => r.id}
        columns={columns}
        items={requests.data?.items}
        query={requests}
        empty={view === 'pending' ? w.exportNone : w.exportNoneDecided}
        scrollX={view === 'pending' ? 1230 : 1680}
        paging={{ pageSize: 20 }}
      />
    </Flex>
  );
}
