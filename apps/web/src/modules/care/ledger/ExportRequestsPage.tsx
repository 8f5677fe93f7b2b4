import { useState } from 'react';
import { App, Button, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { Can } from '../../../components/Can';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useCareAreas } from '../useCareAreas';
import { downloadExport, useDecideExport, useExportRequests } from './api';
import type { ExportRequest, ExportStatus } from './types';

const STATUS_COLORS: Record<ExportStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  downloaded: 'blue',
  expired: 'default',
};

export default function ExportRequestsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const areas = useCareAreas();
  const requests = useExportRequests();
  const decide = useDecideExport();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const handleDecide = (r: ExportRequest, approve: boolean) => {
    setError(null);
    const areaNames = r.areas.map((a) => a.name).join('、');
    void modal.confirm({
      title: approve ? t('care2.approve') : t('care2.reject'),
      // Says what will happen (F3): which areas, and about how many unmasked rows.
      content: approve
        ? t('care2.exports.approveConfirm', { areas: areaNames, rows: (r.estimatedRows ?? 0).toLocaleString() })
        : t('care2.exports.rejectConfirm', { areas: areaNames }),
      okText: t('app.ok'),
      cancelText: t('app.cancel'),
      onOk: () =>
        decide.mutateAsync({ id: r.id, approve }).then(
          () => void message.success(t('app.done')),
          (err: unknown) => setError(err),
        ),
    });
  };

  const handleDownload = (r: ExportRequest) => {
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
    return parts.length ? parts.join('，') : t('care2.exports.allClients');
  };

  const columns: TableProps<ExportRequest>['columns'] = [
    { key: 'createdAt', title: t('care2.exports.createdAt'), width: 160, render: (_, r) => formatDateTime(r.createdAt) },
    { key: 'requester', title: t('care2.exports.requester'), width: 110, render: (_, r) => r.requesterName },
    {
      key: 'areas', title: t('care2.exports.areas'), width: 150,
      render: (_, r) => <span data-testid={`export-areas-${r.id}`}>{r.areas.map((a) => a.name).join('、')}</span>,
    },
    { key: 'filter', title: t('care2.exports.filter'), width: 160, render: (_, r) => filterText(r.filter) },
    { key: 'reason', title: t('care2.reason'), width: 200, render: (_, r) => <Typography.Text>{r.reason}</Typography.Text> },
    {
      key: 'status',
      title: t('care2.exports.status'),
      width: 100,
      render: (_, r) => (
        <Tag color={STATUS_COLORS[r.status]} data-testid={`export-status-${r.id}`}>
          {t(`care2.exports.status.${r.status}`)}
        </Tag>
      ),
    },
    { key: 'expiresAt', title: t('care2.exports.expiresAt'), width: 160, render: (_, r) => formatDateTime(r.expiresAt) },
    {
      key: 'rows', title: t('care2.exports.rows'), width: 90,
      render: (_, r) => <span data-testid={`export-rows-${r.id}`}>{r.rowCount ?? (r.estimatedRows === null ? '—' : `≈${r.estimatedRows.toLocaleString()}`)}</span>,
    },
    {
      key: 'actions',
      title: t('care2.actions'),
      width: 170,
      render: (_, r) => (
        <Flex wrap gap={8}>
          <Can allowed={r.allowedActions} action="decide">
            <Button size="small" type="primary" onClick={() => handleDecide(r, true)} data-testid={`export-approve-${r.id}`}>
              {t('care2.approve')}
            </Button>
            <Button size="small" danger onClick={() => handleDecide(r, false)} data-testid={`export-reject-${r.id}`}>
              {t('care2.reject')}
            </Button>
          </Can>
          <Can allowed={r.allowedActions} action="download">
            <Button size="small" loading={downloading === r.id} onClick={() => handleDownload(r)} data-testid={`export-download-${r.id}`}>
              {t('care2.exports.download')}
            </Button>
          </Can>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('care2.exports.title')} />
      <Flex vertical gap={16}>
        <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
        <ErrorAlert error={error} testId="export-action-error" />
        <div className="linli-table-scroll">
          <Table<ExportRequest>
            data-testid="exports-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={requests.data?.items ?? []}
            loading={requests.isFetching}
            scroll={{ x: 1160 }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t('care2.exports.none')} /> }}
          />
        </div>
      </Flex>
    </>
  );
}
