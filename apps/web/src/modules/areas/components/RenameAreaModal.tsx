import { App, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { AreaDetail } from '../../../lib/types';
import { useRenameArea } from '../api';

/**
 * Rename with optimistic concurrency: the version read is sent back; a stale one gets common.conflict.
 * Mounted only while open, so every opening starts from fresh form state.
 */
export function RenameAreaModal({ area, onClose }: { area: AreaDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameArea();

  const handleFinish = ({ name }: { name: string }) =>
    rename.mutate(
      { code: area.code, name: name.trim(), version: area.version },
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
      title={t('areas.rename')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={rename.isPending}
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ name: area.name }} onFinish={handleFinish}>
        <Form.Item
          name="name"
          label={t('areas.newName')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('areas.nameRequired') }]}
        >
          <Input maxLength={60} data-testid="area-rename-input" />
        </Form.Item>
      </Form>
      <ErrorAlert error={rename.error} />
    </Modal>
  );
}
