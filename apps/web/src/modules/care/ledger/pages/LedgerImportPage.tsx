import { useState } from 'react';
import { Button, Card, Checkbox, Flex } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { ExcelDragger, useExcelFile } from '../../../../components/ExcelImport';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { downloadLedgerErrors, useImportLedger } from '../api';
import { LedgerHelpCard } from '../components/LedgerHelpCard';
import { ImportReport } from '../../../../components/ImportReport';

export default function LedgerImportPage() {
  const { t } = useI18n();
  const [dryRun, setDryRun] = useState(true);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const importLedger = useImportLedger();
  const excel = useExcelFile(() => importLedger.reset());
  const { file } = excel;

  const submit = () => {
    if (file && !importLedger.isPending) importLedger.mutate({ file, dryRun, allOrNothing });
  };

  return (
    <>
      <PageHeader title={t('care.ledger.import.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card size="small">
          <Flex vertical gap={12}>
            <ExcelDragger excel={excel} testId="ledger-upload" hint={t('care.ledger.import.dragHint')} />
            <Flex wrap gap={16} align="center">
              <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="ledger-dry-run">
                {t('care.ledger.import.dryRun')}
              </Checkbox>
              <Checkbox
                checked={allOrNothing}
                onChange={(e) => setAllOrNothing(e.target.checked)}
                data-testid="ledger-all-or-nothing"
              >
                {t('care.ledger.import.allOrNothing')}
              </Checkbox>
              <Button
                type="primary"
                disabled={!file || importLedger.isPending}
                loading={importLedger.isPending}
                onClick={submit}
                data-testid="ledger-submit"
              >
                {dryRun ? t('care.ledger.import.check') : t('care.ledger.import.submit')}
              </Button>
            </Flex>
            <ErrorAlert error={importLedger.error} testId="ledger-error" />
          </Flex>
        </Card>
        {importLedger.data ? (
          <ImportReport
            testIdPrefix="ledger"
            report={importLedger.data}
            onDownloadErrors={file ? () => downloadLedgerErrors(file) : undefined}
          />
        ) : null}
        <LedgerHelpCard />
      </Flex>
    </>
  );
}
