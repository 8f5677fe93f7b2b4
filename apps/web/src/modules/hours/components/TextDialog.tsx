import { Form, Input, InputNumber } from 'antd';
import { FormModal } from '../../../components/FormModal';

/** A one-text dialog (a note, a reason), optionally with a number of minutes. */
export function TextDialog(props: {
  title: string;
  label: string;
  minutesLabel?: string;
  testId: string;
  danger?: boolean;
  error?: unknown;
  onSubmit: (values: { text: string; minutes?: number }) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ text: string; minutes?: number }>();
  return (
    <FormModal
      title={props.title}
      form={form}
      onClose={props.onClose}
      error={props.error}
      okDanger={props.danger}
      okTestId={`${props.testId}-ok`}
      onSubmit={(v) => props.onSubmit(v).then(props.onClose)}
    >
      <Form.Item name="text" label={props.label} rules={[{ required: true, whitespace: true, max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid={`${props.testId}-text`} />
      </Form.Item>
      {props.minutesLabel ? (
        <Form.Item name="minutes" label={props.minutesLabel}>
          <InputNumber min={1} max={1440} style={{ width: '100%' }} data-testid={`${props.testId}-minutes`} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
