import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { downloadLedgerErrors, useImportLedger } from '../api';
import { LedgerHelpCard } from '../components/LedgerHelpCard';
import { ImportReport } from '../../../../components/ImportReport';

const isXlsx = (file: File) => file.name.toLowerCase().endsWith('.xlsx');

export default function LedgerImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [typeError, setTypeError] = useState(false);
  const [dryRun, setDryRun] = useState(true);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const importLedger = useImportLedger();

  const choose = (next: File) => {
    importLedger.reset();
    if (!isXlsx(next)) {
      setTypeError(true);
      setFile(null);
      setFileList([]);
      return;
    }
    setTypeError(false);
    setFile(next);
    setFileList([{ uid: `${next.name}-${next.size}-${next.lastModified}`, name: next.name, status: 'done' }]);
  };

  const submit = () => {
    if (file && !importLedger.isPending) importLedger.mutate({ file, dryRun, allOrNothing });
  };

  return (
    <>
      <PageHeader title={t('care.ledger.import.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card size="small">
          <Flex vertical gap={12}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                choose(f);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setFileList([]);
                importLedger.reset();
              }}
              data-testid="ledger-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('care.ledger.import.drag')}</p>
              <p className="ant-upload-hint">{t('care.ledger.import.dragHint')}</p>
            </Upload.Dragger>
            {typeError ? <Typography.Text type="danger">{t('care.ledger.import.onlyXlsx')}</Typography.Text> : null}
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
