import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { WishPostInput } from '@linli/contracts/modules/wishes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { usePostMyWish } from '../api';
import { useWishesWords } from '../words';

/** 许个心愿: title, public description (no personal data), estimated value; staff review before the wall. */
export default function PostWishPage() {
  const w = useWishesWords();
  const navigate = useNavigate();
  const [form] = Form.useForm<WishPostInput>();
  const post = usePostMyWish({ form, success: () => w.posted });
  const { rules, validate } = useSchemaForm();
  const shape = WishPostInput.shape;
  return (
    <>
      <Typography.Title level={2}>{w.post}</Typography.Title>
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ estimatedValue: 100 }}
        onFinish={async (values) => {
          const input = validate(form, WishPostInput, values);
          if (input) await post.mutateAsync(input).then(() => navigate('/m/wishes'));
        }}
      >
        <Form.Item name="title" label={w.wishTitle} rules={rules(shape.title, { required: true })}>
          <Input maxLength={schemaLimits(shape.title).max} data-testid="m-wish-title" />
        </Form.Item>
        <Form.Item
          name="publicText"
          label={w.publicText}
          extra={w.publicHint}
          rules={rules(shape.publicText, { required: true })}
        >
          <Input.TextArea rows={4} maxLength={schemaLimits(shape.publicText).max} data-testid="m-wish-text" />
        </Form.Item>
        <Form.Item name="estimatedValue" label={w.value} rules={rules(shape.estimatedValue, { required: true })}>
          <InputNumber
            min={0}
            max={schemaLimits(shape.estimatedValue).max}
            style={{ width: '100%' }}
            data-testid="m-wish-value"
          />
        </Form.Item>
        <ErrorAlert error={post.alertError} />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={post.isPending}
          data-testid="m-wish-submit"
          style={{ minHeight: 48 }}
        >
          {w.postSubmit}
        </Button>
      </Form>
    </>
  );
}
