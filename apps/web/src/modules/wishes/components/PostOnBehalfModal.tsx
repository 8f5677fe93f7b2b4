import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { WishOnBehalfInput } from '@linli/contracts/modules/wishes';
import { FormModal } from '../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useSession } from '../../auth';
import { usePostOnBehalf } from '../api';
import { useWishesWords } from '../words';

type Values = Omit<WishOnBehalfInput, 'consent'> & { consent?: boolean };

/** 代居民发布: staff post a wish for a resident or client who agreed (consent recorded with who and when). */
export function PostOnBehalfModal({ onClose }: { onClose: () => void }) {
  const w = useWishesWords();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const post = usePostOnBehalf({ form, success: 'app.done' });
  const { rules, validate } = useSchemaForm();
  const communities = session.areas.filter((a) => a.level === 'community');
  const shape = WishOnBehalfInput.shape;
  return (
    <FormModal
      title={w.postOnBehalf}
      form={form}
      initialValues={{ areaCode: communities[0]?.code, estimatedValue: 100 }}
      onClose={onClose}
      error={post.alertError}
      okTestId="wish-post-save"
      onSubmit={async (values) => {
        const input = validate(form, WishOnBehalfInput, values);
        if (input) await post.mutateAsync(input).then(onClose);
      }}
    >
      <Form.Item name="areaCode" label={w.community} rules={rules(shape.areaCode, { required: true })}>
        <Select options={communities.map((a) => ({ value: a.code, label: a.name }))} data-testid="wish-post-area" />
      </Form.Item>
      <Form.Item name="title" label={w.wishTitle} rules={rules(shape.title, { required: true })}>
        <Input maxLength={schemaLimits(shape.title).max} data-testid="wish-post-title" />
      </Form.Item>
      <Form.Item
        name="publicText"
        label={w.publicText}
        extra={w.publicHint}
        rules={rules(shape.publicText, { required: true })}
      >
        <Input.TextArea rows={3} maxLength={schemaLimits(shape.publicText).max} data-testid="wish-post-text" />
      </Form.Item>
      <Form.Item name="estimatedValue" label={w.value} rules={rules(shape.estimatedValue, { required: true })}>
        <InputNumber min={0} max={schemaLimits(shape.estimatedValue).max} data-testid="wish-post-value" />
      </Form.Item>
      <Form.Item
        name="beneficiaryName"
        label={w.beneficiaryName}
        rules={rules(shape.beneficiaryName, { required: true })}
      >
        <Input maxLength={40} autoComplete="off" data-testid="wish-post-name" />
      </Form.Item>
      <Form.Item name="beneficiaryPhone" label={w.beneficiaryPhone} rules={rules(shape.beneficiaryPhone)}>
        <Input maxLength={11} autoComplete="off" data-testid="wish-post-phone" />
      </Form.Item>
      <Form.Item name="consent" valuePropName="checked" rules={rules(shape.consent, { required: true })}>
        <Checkbox data-testid="wish-post-consent">
          <Typography.Text>{w.consent}</Typography.Text>
        </Checkbox>
      </Form.Item>
    </FormModal>
  );
}
