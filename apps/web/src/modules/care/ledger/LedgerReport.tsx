import { Card, Empty, Flex, Statistic, Table, Tag, type TableProps } from 'antd';
import { useI18n } from '../../../i18n';
import type { LedgerImportReport } from './types';

type RejectedRow = LedgerImportReport['rejected'][number];

/** The import outcome: totals, whether anything was written, and each rejected Excel row with its reasons. */
export function LedgerReport({ report }: { report: LedgerImportReport }) {
  const { t } = useI18n();
  const stats: { key: string; label: string; value: number }[] = [
    { key: 'total', label: t('care2.report.total'), value: report.total },
    { key: 'valid', label: t('care2.report.valid'), value: report.valid },
    { key: 'created', label: t('care2.report.created'), value: report.created },
    { key: 'existing', label: t('care2.report.existing'), value: report.skippedExisting },
    { key: 'rejected', label: t('care2.report.rejected'), value: report.rejected.length },
  ];
  const columns: TableProps<RejectedRow>['columns'] = [
    { key: 'row', title: t('care2.report.row'), dataIndex: 'row', width: 80 },
    { key: 'reasons', title: t('care2.report.reasons'), render: (_, r) => r.reasons.join('；') },
  ];

  return (
    <Card
      size="small"
      title={t('care2.report.title')}
      data-testid="ledger-report"
      extra={
        <Tag color={report.written ? 'green' : 'default'} data-testid="ledger-written" data-written={String(report.written)}>
          {report.written ? t('care2.report.written') : t('care2.report.notWritten')}
        </Tag>
      }
    >
      <Flex wrap gap={24} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Statistic key={s.key} title={s.label} value={s.value} data-testid={`ledger-${s.key}`} />
        ))}
      </Flex>
      <div className="linli-table-scroll">
        <Table<RejectedRow>
          data-testid="ledger-rejected"
          rowKey="row"
          size="small"
          columns={columns}
          dataSource={report.rejected}
          pagination={report.rejected.length > 50 ? { pageSize: 50, size: 'small' } : false}
          locale={{ emptyText: <Empty description={t('care2.report.noRejected')} /> }}
        />
      </div>
    </Card>
  );
}
