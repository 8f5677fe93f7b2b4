import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { WishFulfilInput } from '@linli/contracts/modules/wishes';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useFulfilWish } from '../api';
import { useWishesWords } from '../words';

/** 登记完成: a note and 1–3 photos (uploaded when the form is sent; the server strips their metadata). */
export function FulfilModal({ id, onClose }: { id: string; onClose: () => void }) {
  const w = useWishesWords();
  const [form] = Form.useForm<{ note: string }>();
  const { rules } = useSchemaForm();
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  const fulfil = useFulfilWish({ form, success: () => w.fulfil });
  const limits = schemaLimits(WishFulfilInput.shape.note);
  return (
    <FormModal
      title={w.fulfilTitle}
      form={form}
      onClose={onClose}
      error={fulfil.alertError}
      okTestId="wish-fulfil-ok"
      onSubmit={async (values) => {
        if (files.length === 0) {
          setMissing(true);
          return;
        }
        await fulfil.mutateAsync({ id, note: values.note, files });
        onClose();
      }}
    >
      <Form.Item name="note" label={w.fulfilNote} rules={rules(WishFulfilInput.shape.note, { required: true })}>
        <Input.TextArea rows={3} maxLength={limits.max} data-testid="wish-fulfil-note" />
      </Form.Item>
      <Form.Item label={w.fulfilPhoto} required>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          aria-label={w.fulfilPhoto}
          data-testid="wish-fulfil-photo"
          onChange={(e) => {
            setFiles([...(e.target.files ?? [])].slice(0, 3));
            setMissing(false);
          }}
        />
        {missing ? <Typography.Text type="danger">{w.photoRequired}</Typography.Text> : null}
      </Form.Item>
    </FormModal>
  );
}
