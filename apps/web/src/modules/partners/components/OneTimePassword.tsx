import { Alert, Typography } from 'antd';
import { usePartnersWords } from '../words';

/** A one-time password the server generated, shown once to the staff member who hands it over. */
export function OneTimePassword({ password }: { password: string }) {
  const w = usePartnersWords();
  return (
    <>
      <Alert type="warning" showIcon title={w.otpTitle} description={w.otpHint} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: password }}
        style={{ fontSize: 24, fontFamily: 'monospace', textAlign: 'center' }}
        data-testid="partner-otp-value"
      >
        {password}
      </Typography.Paragraph>
    </>
  );
}
