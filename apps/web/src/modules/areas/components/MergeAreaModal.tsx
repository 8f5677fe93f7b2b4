import { App, Alert, Form, Modal, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { AreaDetail } from '../../../lib/types';
import { useAreaTree, useMergeArea } from '../api';

/** Merge this area into another active area of the same level (the server has the final word). */
export function MergeAreaModal({ area, onClose }: { area: AreaDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ intoCode: string }>();
  const tree = useAreaTree();
  const merge = useMergeArea();

  const options = (tree.data?.items ?? [])
    .filter((a) => a.level === area.level && a.status === 'active' && a.code !== area.code)
    .map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }));

  const handleFinish = ({ intoCode }: { intoCode: string }) =>
    merge.mutate(
      { code: area.code, intoCode, version: area.version },
      {
        onSuccess: () => {
          void message.success(t('app.done'));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={t('areas.merge')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('areas.merge')}
      okButtonProps={{ danger: true }}
      cancelText={t('app.cancel')}
      confirmLoading={merge.isPending}
    >
      <Alert type="warning" showIcon title={t('areas.mergeHint', { name: area.name })} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={handleFinish}>
        <Form.Item name="intoCode" label={t('areas.mergeInto')} rules={[{ required: true, message: t('areas.mergeTargetRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            loading={tree.isPending}
            notFoundContent={t('app.empty')}
            data-testid="area-merge-target"
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={merge.error ?? tree.error} />
    </Modal>
  );
}
