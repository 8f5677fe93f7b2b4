import { useState } from 'react';
import { Form, Input } from 'antd';
import {
  RequestNoteInput,
  RequestRejectInput,
  RequestResolveInput,
  RequestTransferInput,
  type RequestDetail,
} from '@linli/contracts/modules/requests';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useAddNote, useReject, useResolve, useTransfer } from '../api';
import { useCoreWords } from '../core-words';
import { PhotoPicker, photoState, type PickedPhoto } from './PhotoPicker';
import { UnitFields, unitOut, type UnitFormValues } from './UnitFields';

interface ModalProps {
  request: RequestDetail;
  onClose: () => void;
}

/** 转办: another unit, with the reason (the new unit signs for it again). */
export function TransferModal({ request, onClose }: ModalProps) {
  const w = useCoreWords();
  const [form] = Form.useForm<{ unit: UnitFormValues; reason: string }>();
  const transfer = useTransfer({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  return (
    <FormModal
      title={w.transferTitle}
      form={form}
      onClose={onClose}
      error={transfer.alertError}
      okTestId="request-transfer-submit"
      initialValues={{ unit: { kind: 'community' } }}
      onSubmit={(v) =>
        transfer
          .mutateAsync({ id: request.id, unit: unitOut(v.unit, request.areaCode), reason: v.reason.trim() })
          .then(onClose)
      }
    >
      <UnitFields communityCode={request.areaCode} />
      <Form.Item
        name="reason"
        label={w.transferReason}
        rules={rules(RequestTransferInput.shape.reason, { required: true })}
      >
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(RequestTransferInput.shape.reason).max}
          showCount
          data-testid="request-transfer-reason"
        />
      </Form.Item>
    </FormModal>
  );
}

/** A text with optional photos: 添加处理记录 and 办结回复 share it. */
function TextWithPhotos({ request, onClose, kind }: ModalProps & { kind: 'note' | 'resolve' }) {
  const w = useCoreWords();
  const [form] = Form.useForm<{ text: string }>();
  const note = useAddNote({ form, success: 'app.done' });
  const resolve = useResolve({ form, success: 'app.done' });
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const { rules } = useSchemaForm();
  const { ids, busy } = photoState(photos);
  const schema = kind === 'note' ? RequestNoteInput.shape.note : RequestResolveInput.shape.reply;
  const mutation = kind === 'note' ? note : resolve;
  return (
    <FormModal
      title={kind === 'note' ? w.addNote : w.resolveTitle}
      form={form}
      onClose={onClose}
      error={mutation.alertError}
      okDisabled={busy}
      okTestId={`request-${kind}-submit`}
      onSubmit={(v) => {
        const photoUploadIds = ids.length ? ids : undefined;
        const done =
          kind === 'note'
            ? note.mutateAsync({ id: request.id, note: v.text.trim(), photoUploadIds })
            : resolve.mutateAsync({ id: request.id, reply: v.text.trim(), photoUploadIds });
        return done.then(onClose);
      }}
    >
      <Form.Item
        name="text"
        label={kind === 'note' ? w.note : w.reply}
        extra={kind === 'resolve' ? w.replyHint : undefined}
        rules={rules(schema, { required: true })}
      >
        <Input.TextArea rows={4} maxLength={schemaLimits(schema).max} showCount data-testid={`request-${kind}-text`} />
      </Form.Item>
      <Form.Item label={w.photos}>
        <PhotoPicker value={photos} onChange={setPhotos} testId={`request-${kind}-photo`} />
      </Form.Item>
    </FormModal>
  );
}

export function NoteModal(props: ModalProps) {
  return <TextWithPhotos {...props} kind="note" />;
}
export function ResolveModal(props: ModalProps) {
  return <TextWithPhotos {...props} kind="resolve" />;
}

/** 驳回 with the reason the requester sees. */
export function RejectModal({ request, onClose }: ModalProps) {
  const w = useCoreWords();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useReject({ form, success: 'app.done' });
  const { rules } = useSchemaForm();
  return (
    <FormModal
      title={w.rejectTitle}
      form={form}
      onClose={onClose}
      error={reject.alertError}
      okDanger
      okText={w.reject}
      okTestId="request-reject-submit"
      onSubmit={(v) => reject.mutateAsync({ id: request.id, reason: v.reason.trim() }).then(onClose)}
    >
      <Form.Item
        name="reason"
        label={w.rejectReason}
        extra={w.rejectHint}
        rules={rules(RequestRejectInput.shape.reason, { required: true })}
      >
        <Input.TextArea
          rows={3}
          maxLength={schemaLimits(RequestRejectInput.shape.reason).max}
          showCount
          data-testid="request-reject-reason"
        />
      </Form.Item>
    </FormModal>
  );
}
