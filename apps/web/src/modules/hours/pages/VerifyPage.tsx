import { Card, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useVerification } from '../api';
import { useHoursWords } from '../words';

/** /verify/:code — public: anyone checks a service certificate (only what the certificate says, name masked). */
export default function VerifyPage() {
  const w = useHoursWords();
  const { code = '' } = useParams();
  const check = useVerification(code);
  return (
    <Flex justify="center" style={{ padding: 16, minHeight: '100vh', background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 560, alignSelf: 'flex-start' }} data-testid="verify-page">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {w.verifyTitle}
        </Typography.Title>
        {check.isPending ? <Spin /> : null}
        {check.isError ? <Result status="warning" title={w.verifyNotFound} data-testid="verify-not-found" /> : null}
        {check.data ? (
          <>
            <Result
              status={check.data.status === 'valid' ? 'success' : 'error'}
              title={check.data.status === 'valid' ? w.verifyValid : w.verifyRevoked}
              data-testid={`verify-${check.data.status}`}
            />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={w.number}>{check.data.number}</Descriptions.Item>
              <Descriptions.Item label={w.name}>{check.data.maskedName}</Descriptions.Item>
              <Descriptions.Item label={w.period}>
                {check.data.periodFrom} ~ {check.data.periodTo}
              </Descriptions.Item>
              <Descriptions.Item label={w.totalHours}>
                <span data-testid="verify-hours">{check.data.totalHours}</span>
              </Descriptions.Item>
              <Descriptions.Item label={w.issuer}>{check.data.issuerName}</Descriptions.Item>
              <Descriptions.Item label={w.issuedOn}>{check.data.issuedOn}</Descriptions.Item>
            </Descriptions>
          </>
        ) : null}
      </Card>
    </Flex>
  );
}
