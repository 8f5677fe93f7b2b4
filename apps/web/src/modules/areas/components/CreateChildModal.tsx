import { Form, Input } from 'antd';
import { AreaCreateInput } from '@linli/contracts';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { AreaDetail, AreaLevel } from '../../../lib/types';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useCreateArea } from '../api';

interface CreateChildModalProps {
  parent: AreaDetail;
  level: AreaLevel;
  onClose: () => void;
  onCreated: (code: string) => void;
}

const field = AreaCreateInput.shape;

/** New community (with its statistical code) or grid (numbered by the server when no code is given). */
export function CreateChildModal({ parent, level, onClose, onCreated }: CreateChildModalProps) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const create = useCreateArea({ form, success: 'app.done' });

  const handleSubmit = (values: { name: string; code?: string }) =>
    create
      .mutateAsync({ parentCode: parent.code, name: values.name.trim(), code: values.code?.trim() || undefined })
      .then((created) => {
        onClose();
        onCreated(created.code);
      });

  return (
    <FormModal
      title={t('areas.createChildOf', { name: parent.name, level: t(`area.level.${level}`) })}
      form={form}
      onSubmit={handleSubmit}
      onClose={onClose}
      okText={t('app.save')}
      requiredMark={false}
      error={create.alertError}
    >
      <Form.Item
        name="name"
        label={t('areas.name')}
        rules={rules(field.name, { messages: { required: t('areas.nameRequired') } })}
      >
        <Input maxLength={schemaLimits(field.name).max} data-testid="area-child-name" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('areas.childCode')}
        extra={t('areas.childCodeHint')}
        rules={rules(field.code, { messages: { invalid_format: t('areas.codeInvalid') } })}
      >
        <Input maxLength={15} inputMode="numeric" data-testid="area-child-code" />
      </Form.Item>
    </FormModal>
  );
}
