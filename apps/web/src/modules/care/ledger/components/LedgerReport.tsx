import { useState } from 'react';
import { App, Button, Card, Flex, Statistic, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { useI18n } from '../../../../i18n';
import type { LedgerImportReport } from '../../shared/types';

type RejectedRow = LedgerImportReport['rejected'][number];

/** The import outcome: totals, whether anything was written, and each rejected Excel row with its reasons. */
export function LedgerReport({
  report,
  onDownloadErrors,
}: {
  report: LedgerImportReport;
  /** Downloads the error report of the file checked (its rejected rows with a 错误原因 column). */
  onDownloadErrors?: () => Promise<void>;
}) {
  const { t, fieldErrorText } = useI18n();
  const stats: { key: string; label: string; value: number }[] = [
    { key: 'total', label: t('care.ledger.report.total'), value: report.total },
    { key: 'valid', label: t('care.ledger.report.valid'), value: report.valid },
    // 新建: created when written, else what an import of this file would create.
    {
      key: 'created',
      label: report.written ? t('care.ledger.report.created') : t('care.ledger.report.toCreate'),
      value: report.toCreate,
    },
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
        <Flex gap={8} align="center">
          {report.rejected.length && onDownloadErrors ? <ErrorReportButton download={onDownloadErrors} /> : null}
          <Tag
            color={report.written ? 'green' : 'default'}
            data-testid="ledger-written"
            data-written={String(report.written)}
          >
            {report.written ? t('care.ledger.report.written') : t('care.ledger.report.notWritten')}
          </Tag>
        </Flex>
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

/** The error report download: the rejected rows as uploaded, with their reasons, as an .xlsx to fix and import again. */
function ErrorReportButton({ download }: { download: () => Promise<void> }) {
  const { t, errorMessage } = useI18n();
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const run = async () => {
    setPending(true);
    try {
      await download();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={pending} onClick={run} data-testid="ledger-error-report">
      {t('care.ledger.report.errorReport')}
    </Button>
  );
}
