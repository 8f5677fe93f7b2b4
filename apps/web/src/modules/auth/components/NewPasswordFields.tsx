import { Form, Input } from 'antd';
import { useI18n } from '../../../i18n';

/** New password + confirmation; `differentFrom` names a sibling field the new password must not equal. */
export function NewPasswordFields({ differentFrom }: { differentFrom?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('profile.newPassword')}
        dependencies={differentFrom ? [differentFrom] : []}
        rules={[
          { required: true, message: t('profile.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              differentFrom && value && value === getFieldValue(differentFrom)
                ? Promise.reject(new Error(t('profile.passwordSame')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('profile.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('profile.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('profile.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}
