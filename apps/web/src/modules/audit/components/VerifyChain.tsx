import { Alert, Button, Flex } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import { useVerifyAudit } from '../api';

/** Runs the hash-chain verifier and shows its verdict. */
export function VerifyChain() {
  const { t } = useI18n();
  const verify = useVerifyAudit();
  const result = verify.data;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <div>
        <Button
          icon={<SafetyOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      <ErrorAlert error={verify.error} />
      {result ? (
        <Alert
          data-testid="audit-verify-result"
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '—', checked: result.checked })
          }
          description={[
            result.reason ? t('audit.verifyReason', { reason: result.reason }) : null,
            // The last row whose hash is anchored outside the database (ADR 0006): the chain cannot be cut back below it.
            result.lastAnchoredSeq === null
              ? t('audit.notAnchored')
              : t('audit.lastAnchored', { seq: result.lastAnchoredSeq }),
          ]
            .filter(Boolean)
            .join(' ')}
        />
      ) : null}
    </Flex>
  );
}
