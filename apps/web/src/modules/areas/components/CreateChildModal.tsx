import { App, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n';
import type { AreaDetail, AreaLevel } from '../../../lib/types';
import { useCreateArea } from '../api';
import { AREA_CODE_PATTERN } from '../levels';

interface CreateChildModalProps {
  parent: AreaDetail;
  level: AreaLevel;
  onClose: () => void;
  onCreated: (code: string) => void;
}

/** New community (with its statistical code) or grid (numbered by the server when no code is given). */
export function CreateChildModal({ parent, level, onClose, onCreated }: CreateChildModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const create = useCreateArea();

  const handleFinish = (values: { name: string; code?: string }) =>
    create.mutate(
      { parentCode: parent.code, name: values.name.trim(), code: values.code?.trim() || undefined },
      {
        onSuccess: (created) => {
          void message.success(t('app.done'));
          onClose();
          onCreated(created.code);
        },
      },
    );

  return (
    <Modal
      open
      title={t('areas.createChildOf', { name: parent.name, level: t(`area.level.${level}`) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={handleFinish}>
        <Form.Item
          name="name"
          label={t('areas.name')}
          rules={[{ required: true, whitespace: true, max: 60, message: t('areas.nameRequired') }]}
        >
          <Input maxLength={60} data-testid="area-child-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('areas.childCode')}
          extra={t('areas.childCodeHint')}
          rules={[{ pattern: AREA_CODE_PATTERN, message: t('areas.codeInvalid') }]}
        >
          <Input maxLength={15} inputMode="numeric" data-testid="area-child-code" />
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}
