import { App, Button, Flex, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { HOTLINE_HEADINGS } from '@linli/contracts/modules/requests';
import { CheckThenImport } from '../../../../components/ExcelImport';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { downloadHotlineErrors, downloadHotlineTemplate, useImportHotline } from '../api';
import { useFiguresWords } from '../words';

/** 12345 工单导入: check first (a dry run), then import; nothing is written while a row has an error. */
export default function HotlineImportPage() {
  const w = useFiguresWords();
  const { errorMessage } = useI18n();
  const { message } = App.useApp();
  const importer = useImportHotline();
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
        <CheckThenImport
          importer={importer}
          testIdPrefix="hotline"
          checkLabel={w.check}
          importLabel={w.doImport}
          onDownloadErrors={downloadHotlineErrors}
          help={
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {w.importHelp}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{HOTLINE_HEADINGS.join(' · ')}</Typography.Text>
            </>
          }
        />
      </Flex>
    </>
  );
}
