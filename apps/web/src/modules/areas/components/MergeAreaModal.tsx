import { Alert, Form, Select } from 'antd';
import { AreaMergeInput } from '@linli/contracts';
import { FormModal } from '../../../components/FormModal';
import { useI18n } from '../../../i18n';
import type { AreaDetail } from '../../../lib/types';
import { useSchemaForm } from '../../../lib/schema-form';
import { useAreaTree, useMergeArea } from '../api';

/** Merge this area into another active area of the same level (the server has the final word). */
export function MergeAreaModal({ area, onClose }: { area: AreaDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const [form] = Form.useForm<{ intoCode: string }>();
  const tree = useAreaTree();
  const merge = useMergeArea({ form, success: 'app.done' });

  const options = (tree.data?.items ?? [])
    .filter((a) => a.level === area.level && a.status === 'active' && a.code !== area.code)
    .map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }));

  return (
    <FormModal
      title={t('areas.merge')}
      form={form}
      onSubmit={({ intoCode }) => merge.mutateAsync({ code: area.code, intoCode, version: area.version }).then(onClose)}
      onClose={onClose}
      okText={t('areas.merge')}
      okDanger
      requiredMark={false}
      error={merge.alertError ?? tree.error}
    >
      <Alert type="warning" showIcon title={t('areas.mergeHint', { name: area.name })} style={{ marginBottom: 16 }} />
      <Form.Item
        name="intoCode"
        label={t('areas.mergeInto')}
        rules={rules(AreaMergeInput.shape.intoCode, { messages: { required: t('areas.mergeTargetRequired') } })}
      >
        <Select
          showSearch
          optionFilterProp="label"
          options={options}
          loading={tree.isPending}
          notFoundContent={t('app.empty')}
          data-testid="area-merge-target"
        />
      </Form.Item>
    </FormModal>
  );
}
