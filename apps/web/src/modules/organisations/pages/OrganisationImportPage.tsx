import { useState } from 'react';
import { Button, Card, Flex, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { downloadImportErrors, useImportOrganisations } from '../api';
import { ImportReport } from '../../../components/ImportReport';
import { useOrganisationsWords } from '../words';

/** Excel import of the register: check first (a dry run), then import; nothing is written while a row has an error. */
export default function OrganisationImportPage() {
  const w = useOrganisationsWords();
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const importer = useImportOrganisations();
  const run = (dryRun: boolean) => file && !importer.isPending && importer.mutate({ file, dryRun });
  const checked = importer.data && !importer.data.written && importer.data.rejected.length === 0;

  return (
    <>
      <PageHeader title={w.importTitle} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card size="small">
          <Flex vertical gap={12}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                importer.reset();
                setFile(f);
                setFileList([{ uid: `${f.name}-${f.size}`, name: f.name, status: 'done' }]);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setFileList([]);
                importer.reset();
              }}
              data-testid="organisations-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('care.ledger.import.drag')}</p>
            </Upload.Dragger>
            <Flex wrap gap={8}>
              <Button
                disabled={!file || importer.isPending}
                onClick={() => run(true)}
                data-testid="organisations-import-check"
              >
                {w.check}
              </Button>
              <Button
                type="primary"
                disabled={!checked || importer.isPending}
                onClick={() => run(false)}
                data-testid="organisations-import-submit"
              >
                {w.doImport}
              </Button>
            </Flex>
            <ErrorAlert error={importer.error} testId="organisations-import-error" />
            <Typography.Paragraph type="secondary">{w.importHelp}</Typography.Paragraph>
          </Flex>
        </Card>
        {importer.data && file ? (
          <ImportReport
            testIdPrefix="organisations-import"
            report={importer.data}
            onDownloadErrors={() => downloadImportErrors(file)}
          />
        ) : null}
      </Flex>
    </>
  );
}
