import { Alert, Form, Input, InputNumber, Radio } from 'antd';
import {
  CategoryCreateInput,
  type CategoryQuestion,
  CategoryUpdateInput,
  type RequestCategory,
} from '@linli/contracts/modules/requests';
import { FormModal } from '../../../../components/FormModal';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import { useCreateCategory, useUpdateCategory } from '../api';
import { useCatalogueWords } from '../words';
import { QuestionBuilder } from './QuestionBuilder';

interface Values {
  code?: string;
  group?: string;
  name?: string;
  description?: string;
  defaultUrgency?: 'urgent' | 'normal';
  signWorkingDays?: number;
  resolveWorkingDays?: number;
  questions?: CategoryQuestion[];
}

/** Empty texts are sent as null; options only for the list types (the contract refuses them elsewhere). */
function toInput(v: Values) {
  return {
    ...v,
    description: v.description?.trim() ? v.description : null,
    questions: (v.questions ?? []).map((q) => ({
      ...q,
      required: Boolean(q.required),
      values: q.datatype === 'singlevaluelist' || q.datatype === 'multivaluelist' ? (q.values ?? []) : undefined,
    })),
  };
}

/** Create a category of the district (category undefined) or edit one: the edit saves a new version. */
export function CategoryFormModal({
  category,
  districtCode,
  onClose,
}: {
  category?: RequestCategory;
  districtCode: string;
  onClose: () => void;
}) {
  const w = useCatalogueWords();
  const [form] = Form.useForm<Values>();
  const { rules, validate } = useSchemaForm();
  const create = useCreateCategory({ form, success: 'app.done' });
  const update = useUpdateCategory({ form, success: 'app.done' });
  const shape = CategoryCreateInput.shape;
  const submit = (values: Values) => {
    if (category) {
      const input = validate(form, CategoryUpdateInput, {
        ...toInput(values),
        code: undefined,
        version: category.version,
      });
      return input ? update.mutateAsync({ id: category.id, input }).then(onClose) : undefined;
    }
    const input = validate(form, CategoryCreateInput, { ...toInput(values), areaCode: districtCode });
    return input ? create.mutateAsync(input).then(onClose) : undefined;
  };
  const initial: Values = category
    ? { ...category, description: category.description ?? undefined }
    : { defaultUrgency: 'normal', signWorkingDays: 1, resolveWorkingDays: 5, questions: [] };
  return (
    <FormModal
      title={category ? `${w.edit} · ${category.name}` : w.create}
      form={form}
      initialValues={initial}
      onSubmit={submit}
      onClose={onClose}
      error={category ? update.alertError : create.alertError}
      okTestId="category-save"
      formTestId="category-form"
      width={760}
    >
      {category ? <Alert type="info" showIcon title={w.editNote} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="group" label={w.group} rules={rules(shape.group, { required: true })}>
        <Input maxLength={schemaLimits(shape.group).max} data-testid="category-group" />
      </Form.Item>
      {category ? null : (
        <Form.Item name="code" label={w.code} extra={w.codeHelp} rules={rules(shape.code, { required: true })}>
          <Input maxLength={32} data-testid="category-code" />
        </Form.Item>
      )}
      <Form.Item name="name" label={w.name} rules={rules(shape.name, { required: true })}>
        <Input maxLength={schemaLimits(shape.name).max} data-testid="category-name" />
      </Form.Item>
      <Form.Item name="description" label={w.description}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="defaultUrgency" label={w.urgency} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'normal', label: w.normal },
            { value: 'urgent', label: w.urgent },
          ]}
        />
      </Form.Item>
      <Form.Item name="signWorkingDays" label={w.signDays} extra={w.deadlineHelp} rules={[{ required: true }]}>
        <InputNumber min={0} max={30} precision={0} suffix={w.workingDays} data-testid="category-sign-days" />
      </Form.Item>
      <Form.Item name="resolveWorkingDays" label={w.resolveDays} rules={[{ required: true }]}>
        <InputNumber min={1} max={180} precision={0} suffix={w.workingDays} data-testid="category-resolve-days" />
      </Form.Item>
      <QuestionBuilder />
    </FormModal>
  );
}
