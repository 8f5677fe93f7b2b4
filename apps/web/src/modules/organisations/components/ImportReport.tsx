import { App, Button, Card, Flex, Statistic, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { OrganisationImportReport } from '@linli/contracts/modules/organisations';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { useI18n } from '../../../i18n';

type RejectedRow = OrganisationImportReport['rejected'][number];

/** The import outcome in the client ledger's form: totals, 新建 / 已存在, written or not, each rejected row's reasons. */
export function ImportReport({
  report,
  onDownloadErrors,
}: {
  report: OrganisationImportReport;
  onDownloadErrors: () => Promise<void>;
}) {
  const { t, fieldErrorText, errorMessage } = useI18n();
  const { message } = App.useApp();
  const stats = [
    { key: 'total', label: t('care.ledger.report.total'), value: report.total },
    { key: 'valid', label: t('care.ledger.report.valid'), value: report.valid },
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
    {
      key: 'reasons',
      title: t('care.ledger.report.reasons'),
      render: (r) => r.reasons.map(fieldErrorText).join(t('care.ledger.report.reasonSeparator')),
    },
  ];
  const download = () => onDownloadErrors().catch((e: unknown) => void message.error(errorMessage(e)));
  return (
    <Card
      size="small"
      title={t('care.ledger.report.title')}
      data-testid="organisations-import-report"
      extra={
        <Flex gap={8} align="center">
          {report.rejected.length ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => void download()}
              data-testid="organisations-import-errors"
            >
              {t('care.ledger.report.errorReport')}
            </Button>
          ) : null}
          <Tag
            color={report.written ? 'green' : 'default'}
            data-testid="organisations-import-written"
            data-written={String(report.written)}
          >
            {report.written ? t('care.ledger.report.written') : t('care.ledger.report.notWritten')}
          </Tag>
        </Flex>
      }
    >
      <Flex wrap gap={24} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Statistic key={s.key} title={s.label} value={s.value} data-testid={`organisations-import-${s.key}`} />
        ))}
      </Flex>
      <DataTable<RejectedRow>
        testId="organisations-import-rejected"
        rowKey={(r) => String(r.row)}
        columns={columns}
        items={report.rejected}
        empty={t('care.ledger.report.noRejected')}
        paging={{ pageSize: 50 }}
      />
    </Card>
  );
}
