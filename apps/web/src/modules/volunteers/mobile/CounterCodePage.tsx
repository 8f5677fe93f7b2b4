import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Typography } from 'antd';
import QRCode from 'qrcode';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { useCounterCode, useMyVolunteer } from '../api';
import { useVolunteersWords } from '../words';

/** 我的兑换码: the rotating signed code (a QR and its text) shown at the charity supermarket's counter. */
export default function CounterCodePage() {
  const w = useVolunteersWords();
  const mine = useMyVolunteer();
  const active = mine.data?.record?.volunteer.status === 'active';
  const code = useCounterCode(active);
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const text = code.data?.code;
    if (!text) return;
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width: 280 }).then((url) => live && setDataUrl(url));
    return () => {
      live = false;
    };
  }, [code.data?.code]);
  if (mine.isLoading) return <Loading />;
  if (!active) return <Alert type="info" message={w.mNotVolunteer} />;
  const left = code.data ? Math.max(0, Math.ceil((new Date(code.data.rotatesAt).getTime() - now) / 1000)) : 0;
  return (
    <Flex vertical gap={12} align="center">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {w.mCode}
      </Typography.Title>
      <Card size="small" style={{ width: '100%', maxWidth: 360, textAlign: 'center' }}>
        {dataUrl ? (
          <img src={dataUrl} alt={w.mCode} style={{ width: '100%', maxWidth: 280 }} data-testid="m-vol-code-qr" />
        ) : (
          <Loading minHeight={200} />
        )}
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid="m-vol-code-text">
          {code.data?.code ?? ''}
        </Typography.Paragraph>
        <Typography.Text type="secondary" data-testid="m-vol-code-refresh">
          {w.fill(w.mCodeRefresh, { s: left })}
        </Typography.Text>
      </Card>
      <Typography.Text type="secondary">{w.mCodeHint}</Typography.Text>
      <ErrorAlert error={code.error} />
    </Flex>
  );
}
