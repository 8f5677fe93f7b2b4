import { Button, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ContactInput } from '@linli/contracts/modules/organisations';
import { useI18n } from '../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { useOrganisationsWords } from '../words';

/** Contact people: name, role, phone. On an edit a kept contact shows no number; an empty phone keeps the stored one. */
export function ContactsFields({ editing }: { editing: boolean }) {
  const w = useOrganisationsWords();
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          <span>{w.contacts}</span>
          {fields.map((field, i) => (
            <Flex key={field.key} wrap gap={8} align="start">
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'name']} rules={rules(ContactInput.shape.name, { required: true })}>
                <Input
                  placeholder={w.contactName}
                  aria-label={w.contactName}
                  maxLength={schemaLimits(ContactInput.shape.name).max}
                  data-testid={`contact-name-${i}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'role']} rules={rules(ContactInput.shape.role)}>
                <Input placeholder={w.contactRole} aria-label={w.contactRole} maxLength={40} />
              </Form.Item>
              <Form.Item name={[field.name, 'phone']} rules={rules(ContactInput.shape.phone)}>
                <Input
                  placeholder={editing ? w.keepPhone : w.contactPhone}
                  aria-label={w.contactPhone}
                  maxLength={11}
                  inputMode="tel"
                  data-testid={`contact-phone-${i}`}
                />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={t('app.remove')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({})}
            style={{ alignSelf: 'start' }}
            data-testid="contact-add"
          >
            {w.addContact}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
