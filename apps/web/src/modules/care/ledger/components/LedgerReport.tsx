import { Card, Flex, Statistic, Tag } from 'antd';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { useI18n } from '../../../../i18n';
import type { LedgerImportReport } from '../../shared/types';

type RejectedRow = LedgerImportReport['rejected'][number];

/** The import outcome: totals, whether anything was written, and each rejected Excel row with its reasons. */
export function LedgerReport({ report }: { report: LedgerImportReport }) {
  const { t, fieldErrorText } = useI18n();
  const stats: { key: string; label: string; value: number }[] = [
    { key: 'total', label: t('care.ledger.report.total'), value: report.total },
    { key: 'valid', label: t('care.ledger.report.valid'), value: report.valid },
    { key: 'created', label: t('care.ledger.report.created'), value: report.created },
    { key: 'existing', label: t('care.ledger.report.existing'), value: report.skippedExisting },
    { key: 'rejected', label: t('care.ledger.report.rejected'), value: report.rejected.length },
  ];
  const columns: DataColumn<RejectedRow>[] = [
    { key: 'row', title: t('care.ledger.report.row'), width: 80, render: (r) => r.row },
    // Each reason from its code, in the UI language, after the column of the sheet it concerns.
    {
      key: 'reasons',
      title: t('care.ledger.report.reasons'),
      render: (r) => r.reasons.map(fieldErrorText).join(t('care.ledger.report.reasonSeparator')),
    },
  ];

  return (
    <Card
      size="small"
      title={t('care.ledger.report.title')}
      data-testid="ledger-report"
      extra={
        <Tag
          color={report.written ? 'green' : 'default'}
          data-testid="ledger-written"
          data-written={String(report.written)}
        >
          {report.written ? t('care.ledger.report.written') : t('care.ledger.report.notWritten')}
        </Tag>
      }
    >
      <Flex wrap gap={24} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Statistic key={s.key} title={s.label} value={s.value} data-testid={`ledger-${s.key}`} />
        ))}
      </Flex>
      <DataTable<RejectedRow>
        testId="ledger-rejected"
        rowKey={(r) => String(r.row)}
        columns={columns}
        items={report.rejected}
        empty={t('care.ledger.report.noRejected')}
        paging={{ pageSize: 50 }}
      />
    </Card>
  );
}
