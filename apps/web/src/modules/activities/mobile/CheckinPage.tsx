import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { CheckinInput, type CheckinResult } from '@linli/contracts/modules/activities';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useSchemaForm } from '../../../lib/schema-form';
import { useCheckin } from '../api';
import { useActivitiesWords } from '../words';

/** The Shape Detection API's barcode detector (Chromium on Android and others); absent elsewhere. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;
const detectorCtor = (): BarcodeDetectorCtor | null =>
  (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector ?? null;

/** The camera, scanning frames for a QR code until one is found (then it stops). */
function CameraScanner({ onCode, onStop }: { onCode: (code: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const Ctor = detectorCtor();
    if (!Ctor) return;
    const detector = new Ctor({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let done = false;
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(() => {
          if (!video.current || done) return;
          void detector.detect(video.current).then((found) => {
            const value = found[0]?.rawValue;
            if (value && !done) {
              done = true;
              onCode(value);
              onStop();
            }
          });
        }, 300);
      })
      .catch((e: unknown) => setError(String(e)));
    return () => {
      done = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onCode, onStop]);
  return (
    <Flex vertical gap={8}>
      <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      {error ? <Alert type="error" message={error} /> : null}
    </Flex>
  );
}

/**
 * 扫码签到 on /m: scan the organiser's rotating code with the camera (BarcodeDetector when the browser has it) or
 * paste the code's text. The first scan checks in, a later one (after the code changed) checks out.
 */
export default function CheckinPage() {
  const w = useActivitiesWords();
  const [form] = Form.useForm<{ code: string }>();
  const [camera, setCamera] = useState(false);
  const [result, setResult] = useState<CheckinResult | null>(null);
  const checkin = useCheckin({ form });
  const { rules } = useSchemaForm();
  const canScan = detectorCtor() !== null && !!navigator.mediaDevices?.getUserMedia;
  const submit = (code: string) => {
    setResult(null);
    return checkin
      .mutateAsync(code)
      .then((r) => {
        setResult(r);
        form.resetFields();
      })
      .catch(() => undefined); // the hook shows the refusal on the form
  };
  return (
    <>
      <Typography.Title level={2}>{w.scan}</Typography.Title>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{w.scanHint}</Typography.Text>
        {result ? (
          <Alert
            type="success"
            showIcon
            data-testid="m-checkin-result"
            data-action={result.step}
            message={
              result.step === 'checked_in'
                ? w.fill(w.checkedIn, { title: result.title })
                : w.fill(w.checkedOut, { title: result.title, minutes: result.minutes ?? 0 })
            }
          />
        ) : null}
        {canScan ? (
          camera ? (
            <>
              <CameraScanner onCode={(c) => void submit(c)} onStop={() => setCamera(false)} />
              <Button size="large" onClick={() => setCamera(false)}>
                {w.stopCamera}
              </Button>
            </>
          ) : (
            <Button type="primary" size="large" onClick={() => setCamera(true)} data-testid="m-checkin-camera">
              {w.startCamera}
            </Button>
          )
        ) : (
          <Typography.Text type="secondary">{w.noCamera}</Typography.Text>
        )}
        <Form form={form} layout="vertical" size="large" onFinish={(v) => submit(v.code.trim())}>
          <Form.Item name="code" label={w.codeLabel} rules={rules(CheckinInput.shape.code, { required: true })}>
            <Input.TextArea rows={2} data-testid="m-checkin-code" />
          </Form.Item>
          <ErrorAlert error={checkin.alertError} />
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={checkin.isPending}
            data-testid="m-checkin-submit"
            style={{ minHeight: 48 }}
          >
            {w.submitCode}
          </Button>
        </Form>
      </Flex>
    </>
  );
}
