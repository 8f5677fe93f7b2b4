import { Form, Input } from 'antd';
import { AreaRenameInput } from '@linli/contracts';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { AreaDetail } from '../../../lib/types';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useRenameArea } from '../api';

/**
 * Rename with optimistic concurrency: the version read is sent back; a stale one gets common.conflict.
 * Mounted only while open, so every opening starts from fresh form state.
 */
export function RenameAreaModal({ area, onClose }: { area: AreaDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameArea({ form, success: 'app.done' });

  return (
    <FormModal
      title={t('areas.rename')}
      form={form}
      onSubmit={({ name }) =>
        rename.mutateAsync({ code: area.code, name: name.trim(), version: area.version }).then(onClose)
      }
      onClose={onClose}
      okText={t('app.save')}
      requiredMark={false}
      initialValues={{ name: area.name }}
      error={rename.alertError}
    >
      <Form.Item
        name="name"
        label={t('areas.newName')}
        rules={rules(AreaRenameInput.shape.name, { messages: { required: t('areas.nameRequired') } })}
      >
        <Input maxLength={schemaLimits(AreaRenameInput.shape.name).max} data-testid="area-rename-input" />
      </Form.Item>
    </FormModal>
  );
}
