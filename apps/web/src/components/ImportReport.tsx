import { useState } from 'react';
import { App, Button, Card, Flex, Statistic, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { DataTable, type DataColumn } from './DataTable';
import { useI18n } from '../i18n';

/**
 * What every Excel import answers (the care ledger, the partner register, 12345 work orders): rows read, rows valid,
 * 新建 (created, or to create on a dry run), 已存在, whether anything was written, and each rejected row's reasons.
 */
export interface ImportReportData {
  total: number;
  valid: number;
  toCreate: number;
  skippedExisting: number;
  written: boolean;
  rejected: readonly { row: number; reasons: readonly Parameters<ReturnType<typeof useI18n>['fieldErrorText']>[0][] }[];
}

/**
 * The import outcome card. `testIdPrefix` names its parts for the browser tests: `<prefix>-report`, `-written`,
 * `-total|valid|created|existing|rejected` (the figures), `-rejected` (the table) and `-error-report` (the button).
 */
export function ImportReport({
  report,
  onDownloadErrors,
  testIdPrefix,
}: {
  report: ImportReportData;
  /** Downloads the error report of the file checked (its rejected rows with a 错误原因 column). */
  onDownloadErrors?: () => Promise<void>;
  testIdPrefix: string;
}) {
  const { t, fieldErrorText } = useI18n();
  type RejectedRow = ImportReportData['rejected'][number];
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
      data-testid={`${testIdPrefix}-report`}
      extra={
        <Flex gap={8} align="center">
          {report.rejected.length && onDownloadErrors ? (
            <ErrorReportButton download={onDownloadErrors} testId={`${testIdPrefix}-error-report`} />
          ) : null}
          <Tag
            color={report.written ? 'green' : 'default'}
            data-testid={`${testIdPrefix}-written`}
            data-written={String(report.written)}
          >
            {report.written ? t('care.ledger.report.written') : t('care.ledger.report.notWritten')}
          </Tag>
        </Flex>
      }
    >
      <Flex wrap gap={24} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Statistic key={s.key} title={s.label} value={s.value} data-testid={`${testIdPrefix}-${s.key}`} />
        ))}
      </Flex>
      <DataTable<RejectedRow>
        testId={`${testIdPrefix}-rejected`}
        rowKey={(r) => String(r.row)}
        columns={columns}
        items={[...report.rejected]}
        empty={t('care.ledger.report.noRejected')}
        paging={{ pageSize: 50 }}
      />
    </Card>
  );
}

/** The error report download: the rejected rows as uploaded, with their reasons, as an .xlsx to fix and import again. */
function ErrorReportButton({ download, testId }: { download: () => Promise<void>; testId: string }) {
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
    <Button size="small" icon={<DownloadOutlined />} loading={pending} onClick={run} data-testid={testId}>
      {t('care.ledger.report.errorReport')}
    </Button>
  );
}
