import { useEffect, useState } from 'react';
import { Alert, Flex, Typography } from 'antd';
import QRCode from 'qrcode';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { type OrganiserBase, useCheckinCode } from '../api';
import { useActivitiesWords } from '../words';

/**
 * The organiser's check-in screen: a QR code of the rotating signed code, fetched again as it rotates (30 s), with
 * the seconds left. The code's text is on the page too (data-code) for a volunteer whose camera cannot scan.
 */
export function QrPanel({ base, id, size = 280 }: { base: OrganiserBase; id: string; size?: number }) {
  const w = useActivitiesWords();
  const code = useCheckinCode(base, id);
  const [image, setImage] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const text = code.data?.code;
  useEffect(() => {
    if (!text) return;
    let live = true;
    void QRCode.toDataURL(text, { width: size, margin: 1, errorCorrectionLevel: 'M' }).then((url) => {
      if (live) setImage(url);
    });
    return () => {
      live = false;
    };
  }, [text, size]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (code.isPending) return <Loading minHeight={size} />;
  if (!code.data) return <ErrorAlert error={code.error} onRetry={() => void code.refetch()} />;
  const left = Math.max(0, Math.ceil((new Date(code.data.rotatesAt).getTime() - now) / 1000));
  return (
    <Flex vertical align="center" gap={8} data-testid="activity-qr" data-code={code.data.code}>
      {image ? <img src={image} width={size} height={size} alt={w.qr} data-testid="activity-qr-image" /> : null}
      <Typography.Text type="secondary">{w.fill(w.qrRotates, { s: left })}</Typography.Text>
      <Typography.Text copyable code style={{ wordBreak: 'break-all', fontSize: 11 }} data-testid="activity-qr-text">
        {code.data.code}
      </Typography.Text>
      <Alert type="info" showIcon message={w.qrHint} />
    </Flex>
  );
}
