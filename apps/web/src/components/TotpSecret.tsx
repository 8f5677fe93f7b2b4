import { Flex, QRCode, Typography } from 'antd';
import { useI18n } from '../i18n';

/** Shows a TOTP secret as text, its otpauth URI, and a QR code drawn locally (no external QR service). */
export function TotpSecret({ secret, otpauthUri }: { secret: string; otpauthUri: string }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }}>
      <div>
        <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
        <Typography.Paragraph
          copyable={{ text: secret }}
          code
          style={{ wordBreak: 'break-all', margin: 0 }}
          data-testid="totp-secret"
        >
          {secret}
        </Typography.Paragraph>
      </div>
      <div>
        <Typography.Text type="secondary">{t('totp.uri')}</Typography.Text>
        <Typography.Paragraph
          copyable={{ text: otpauthUri }}
          style={{ wordBreak: 'break-all', margin: 0 }}
          data-testid="totp-uri"
        >
          {otpauthUri}
        </Typography.Paragraph>
      </div>
      <div role="img" aria-label={t('totp.qr')}>
        <QRCode value={otpauthUri} size={160} type="svg" bordered={false} />
      </div>
    </Flex>
  );
}
