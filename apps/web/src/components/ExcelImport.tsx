import { useState, type ReactNode } from 'react';
import { Button, Card, Flex, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from './ErrorAlert';
import { ImportReport, type ImportReportData } from './ImportReport';
import { useI18n } from '../i18n';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isXlsx = (file: File) => file.name.toLowerCase().endsWith('.xlsx');

/** The one .xlsx file an import page holds: chosen by the dragger, cleared by its remove button. */
export function useExcelFile(onChange: () => void) {
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [typeError, setTypeError] = useState(false);
  const choose = (next: File | null) => {
    onChange();
    const ok = next !== null && isXlsx(next);
    setTypeError(next !== null && !ok);
    setFile(ok ? next : null);
    setFileList(ok ? [{ uid: `${next.name}-${next.size}-${next.lastModified}`, name: next.name, status: 'done' }] : []);
  };
  return { file, fileList, typeError, choose };
}

/** Every import page's drop zone (one .xlsx file; anything else is refused with a message). */
export function ExcelDragger({
  excel,
  testId,
  hint,
}: {
  excel: ReturnType<typeof useExcelFile>;
  testId: string;
  hint?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <Upload.Dragger
        accept={XLSX_ACCEPT}
        multiple={false}
        maxCount={1}
        fileList={excel.fileList}
        beforeUpload={(f) => {
          excel.choose(f);
          return false;
        }}
        onRemove={() => excel.choose(null)}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('care.ledger.import.drag')}</p>
        {hint ? <p className="ant-upload-hint">{hint}</p> : null}
      </Upload.Dragger>
      {excel.typeError ? <Typography.Text type="danger">{t('care.ledger.import.onlyXlsx')}</Typography.Text> : null}
    </>
  );
}

/** What a check-then-import page needs of its mutation (defineMutation's result). */
export interface ExcelImporter {
  mutate: (input: { file: File; dryRun: boolean }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
  data: ImportReportData | undefined;
}

/**
 * An import that is checked first (a dry run) and then imported, all or nothing (the partner register, 12345 work
 * orders): the drop zone, 检查 / 导入 (导入 only after a clean check of the same file), the request error, the page's
 * help, and the report. Test ids: `<prefix>-upload`, `-import-check`, `-import-submit`, `-import-error`, and the
 * report's under `<prefix>-import`.
 */
export function CheckThenImport({
  importer,
  testIdPrefix,
  checkLabel,
  importLabel,
  help,
  onDownloadErrors,
}: {
  importer: ExcelImporter;
  testIdPrefix: string;
  checkLabel: string;
  importLabel: string;
  help: ReactNode;
  onDownloadErrors: (file: File) => Promise<void>;
}) {
  const excel = useExcelFile(() => importer.reset());
  const { file } = excel;
  const run = (dryRun: boolean) => file && !importer.isPending && importer.mutate({ file, dryRun });
  const checked = importer.data && !importer.data.written && importer.data.rejected.length === 0;
  return (
    <>
      <Card size="small">
        <Flex vertical gap={12}>
          <ExcelDragger excel={excel} testId={`${testIdPrefix}-upload`} />
          <Flex wrap gap={8}>
            <Button
              disabled={!file || importer.isPending}
              onClick={() => run(true)}
              data-testid={`${testIdPrefix}-import-check`}
            >
              {checkLabel}
            </Button>
            <Button
              type="primary"
              disabled={!checked || importer.isPending}
              onClick={() => run(false)}
              data-testid={`${testIdPrefix}-import-submit`}
            >
              {importLabel}
            </Button>
          </Flex>
          <ErrorAlert error={importer.error} testId={`${testIdPrefix}-import-error`} />
          {help}
        </Flex>
      </Card>
      {importer.data && file ? (
        <ImportReport
          testIdPrefix={`${testIdPrefix}-import`}
          report={importer.data}
          onDownloadErrors={() => onDownloadErrors(file)}
        />
      ) : null}
    </>
  );
}
