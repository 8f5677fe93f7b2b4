import { useState } from 'react';
import { App, Button, Card, Flex, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { HOTLINE_HEADINGS } from '@linli/contracts/modules/requests';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { downloadHotlineErrors, downloadHotlineTemplate, useImportHotline } from '../api';
import { ImportReport } from '../../../../components/ImportReport';
import { useFiguresWords } from '../words';

/** 12345 工单导入: check first (a dry run), then import; nothing is written while a row has an error. */
export default function HotlineImportPage() {
  const w = useFiguresWords();
  const { errorMessage } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const importer = useImportHotline();
  const run = (dryRun: boolean) => file && !importer.isPending && importer.mutate({ file, dryRun });
  const checked = importer.data && !importer.data.written && importer.data.rejected.length === 0;
  const template = () => downloadHotlineTemplate().catch((e: unknown) => void message.error(errorMessage(e)));

  return (
    <>
      <PageHeader
        title={w.importTitle}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="hotline-template">
            {w.template}
          </Button>
        }
      />
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
              data-testid="hotline-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{w.drag}</p>
            </Upload.Dragger>
            <Flex wrap gap={8}>
              <Button
                disabled={!file || importer.isPending}
                onClick={() => run(true)}
                data-testid="hotline-import-check"
              >
                {w.check}
              </Button>
              <Button
                type="primary"
                disabled={!checked || importer.isPending}
                onClick={() => run(false)}
                data-testid="hotline-import-submit"
              >
                {w.doImport}
              </Button>
            </Flex>
            <ErrorAlert error={importer.error} testId="hotline-import-error" />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {w.importHelp}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{HOTLINE_HEADINGS.join(' · ')}</Typography.Text>
          </Flex>
        </Card>
        {importer.data && file ? (
          <ImportReport
            testIdPrefix="hotline-import"
            report={importer.data}
            onDownloadErrors={() => downloadHotlineErrors(file)}
          />
        ) : null}
      </Flex>
    </>
  );
}
