import { useRef, useState } from 'react';
import { Alert, Button, Flex, Spin, theme } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { uploadPhoto } from '../api';
import { useCoreWords } from '../core-words';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 10 * 1024 * 1024;

export interface PickedPhoto {
  key: string;
  /** A data: URL once the preview is drawn. */
  previewUrl?: string;
  /** Set once the upload answered. */
  uploadId?: string;
  error?: string;
}

/** The upload ids of the photos ready to send, and whether any upload is still running. */
export function photoState(photos: PickedPhoto[]): { ids: string[]; busy: boolean } {
  return {
    ids: photos.flatMap((p) => (p.uploadId ? [p.uploadId] : [])),
    busy: photos.some((p) => !p.uploadId && !p.error),
  };
}

let counter = 0;

/**
 * A small preview of a picked photo as a data: URL (the page's CSP allows images from 'self' and data: only, not
 * blob: object URLs): decoded with createImageBitmap, drawn at most 240 px on a canvas.
 */
async function thumbnail(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 240 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.8);
}

/**
 * Up to `max` photos: each is uploaded as soon as it is picked (the server strips EXIF and resizes), shown as a
 * preview with a remove button; the form sends the upload ids.
 */
export function PhotoPicker({
  value,
  onChange,
  max = 6,
  testId = 'photo',
  size: wanted = 88,
}: {
  value: PickedPhoto[];
  onChange: (next: PickedPhoto[] | ((prev: PickedPhoto[]) => PickedPhoto[])) => void;
  max?: number;
  testId?: string;
  size?: number;
}) {
  const w = useCoreWords();
  const { errorMessage } = useI18n();
  const { token } = theme.useToken();
  // 适老化 mode raises controlHeight to 52 px: the remove button and tiles grow with it (targets ≥ 48 px).
  const remover = token.controlHeight - 4;
  const size = Math.max(wanted, remover * 2 + 8);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const add = (files: FileList | null) => {
    setProblem(null);
    if (!files) return;
    const room = max - value.length;
    const picked = Array.from(files);
    if (picked.length > room) setProblem(w.fmt('photoLimit', { n: max }));
    for (const file of picked.slice(0, Math.max(0, room))) {
      if (!TYPES.includes(file.type)) {
        setProblem(w.photoType);
        continue;
      }
      if (file.size > MAX_BYTES) {
        setProblem(w.photoSize);
        continue;
      }
      counter += 1;
      const key = `p${counter}`;
      onChange((prev) => [...prev, { key }]);
      thumbnail(file).then(
        (previewUrl) => onChange((prev) => prev.map((p) => (p.key === key ? { ...p, previewUrl } : p))),
        // No preview (an image the browser cannot decode): the upload's answer still decides.
        () => undefined,
      );
      uploadPhoto(file).then(
        (r) => onChange((prev) => prev.map((p) => (p.key === key ? { ...p, uploadId: r.id } : p))),
        (e: unknown) => onChange((prev) => prev.map((p) => (p.key === key ? { ...p, error: errorMessage(e) } : p))),
      );
    }
  };

  const remove = (photo: PickedPhoto) => {
    onChange((prev) => prev.filter((p) => p.key !== photo.key));
  };

  const failed = value.find((p) => p.error);
  return (
    <Flex vertical gap={8} data-testid={`${testId}-picker`}>
      <Flex wrap gap={8}>
        {value.map((p, i) => (
          <div
            key={p.key}
            data-testid={`${testId}-item`}
            data-state={p.error ? 'error' : p.uploadId ? 'done' : 'uploading'}
            style={{
              position: 'relative',
              width: size,
              height: size,
              borderRadius: token.borderRadius,
              overflow: 'hidden',
              border: `${token.lineWidth}px solid ${p.error ? token.colorError : token.colorBorder}`,
            }}
          >
            {p.previewUrl ? (
              <img
                src={p.previewUrl}
                alt={w.fmt('photoAlt', { n: i + 1 })}
                style={{ width: '100%', height: '100%', objectFit: 'cover', opacity: p.uploadId ? 1 : 0.6 }}
              />
            ) : null}
            {!p.uploadId && !p.error ? (
              <Spin size="small" style={{ position: 'absolute', inset: 0, margin: 'auto', height: 20 }} />
            ) : null}
            <Button
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={`${w.removePhoto} ${i + 1}`}
              onClick={() => remove(p)}
              data-testid={`${testId}-remove-${i}`}
              style={{ position: 'absolute', top: 2, right: 2, minWidth: remover, width: remover, height: remover }}
            />
          </div>
        ))}
        {value.length < max ? (
          <Button
            onClick={() => input.current?.click()}
            icon={<CameraOutlined />}
            style={{ width: size, height: size, minHeight: 48, whiteSpace: 'normal' }}
            data-testid={`${testId}-add`}
          >
            {w.addPhoto}
          </Button>
        ) : null}
      </Flex>
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        multiple
        hidden
        aria-label={w.addPhoto}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <span style={{ color: token.colorTextSecondary }}>{w.fmt('photoLimit', { n: max })}</span>
      {problem ? <Alert type="warning" showIcon title={problem} /> : null}
      {failed ? <Alert type="error" showIcon role="alert" title={failed.error} /> : null}
    </Flex>
  );
}
