import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { LEDGER_HEADINGS } from '@linli/contracts';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useI18n } from '../../../../i18n';
import { downloadLedgerTemplate } from '../api';

/** What the import reads (the headings, literal Chinese column names as in the contract) and the template download. */
export function LedgerHelpCard() {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      await downloadLedgerTemplate();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" gap={12} wrap>
        <Typography.Paragraph style={{ marginBottom: 8, flex: 1 }}>{t('care.ledger.import.help')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} loading={pending} onClick={download} data-testid="ledger-template">
          {t('care.ledger.import.template')}
        </Button>
      </Flex>
      <Flex wrap gap={4} style={{ marginBottom: 8 }} data-testid="ledger-headings">
        {LEDGER_HEADINGS.map((h) => (
          <Tag key={h}>{h}</Tag>
        ))}
      </Flex>
      <Typography.Text type="secondary">{t('care.ledger.import.helpNote')}</Typography.Text>
      <ErrorAlert error={error} testId="ledger-template-error" />
    </Card>
  );
}
