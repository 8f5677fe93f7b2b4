import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Tag, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { useImportLedger } from '../api';
import { LedgerReport } from '../components/LedgerReport';

/** The headings the server reads (by name, any order); literal Chinese column names, not translated. */
const HEADINGS = [
  '姓名',
  '性别',
  '身份证号',
  '出生日期',
  '联系电话',
  '所属社区',
  '网格',
  '家庭住址',
  '服务对象类别',
  '照护等级',
  '残疾类别',
  '残疾等级',
  '紧急联系人',
  '紧急联系人电话',
  '备注',
];

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
        {importLedger.data ? <LedgerReport report={importLedger.data} /> : null}
        <Card size="small">
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('care.ledger.import.help')}</Typography.Paragraph>
          <Flex wrap gap={4} style={{ marginBottom: 8 }} data-testid="ledger-headings">
            {HEADINGS.map((h) => (
              <Tag key={h}>{h}</Tag>
            ))}
          </Flex>
          <Typography.Text type="secondary">{t('care.ledger.import.helpNote')}</Typography.Text>
        </Card>
      </Flex>
    </>
  );
}
