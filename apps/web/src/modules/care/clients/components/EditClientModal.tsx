import { Col, Form, Input, Row, Select } from 'antd';
import { CLIENT_CATEGORIES, ClientUpdateInput } from '@linli/contracts';
import { FormModal } from '../../../../components/FormModal';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { ClientCategory, ClientDetail } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { type ClientUpdateInput as ClientUpdateValue, useUpdateClient } from '../api';

interface EditValues {
  name: string;
  phone?: string;
  address?: string;
  gridCode?: string | null;
  categories: ClientCategory[];
  disabilityCategory?: string;
  disabilityGrade?: string;
  emergencyContactName?: string;
  emergencyContactPhone?: string;
  notes?: string;
}

const field = ClientUpdateInput.shape;
const max = (schema: Parameters<typeof schemaLimits>[0]) => schemaLimits(schema).max;
const TEXT_FIELDS = [
  'address',
  'disabilityCategory',
  'disabilityGrade',
  'emergencyContactName',
  'notes',
] as const satisfies readonly (keyof EditValues & keyof ClientDetail)[];

/** Only what the user changed: the timeline and the audit name exactly those fields. Phones: filled in = replace. */
function changesOf(client: ClientDetail, v: EditValues): ClientUpdateValue {
  const input: Record<string, unknown> = { version: client.version };
  const name = v.name?.trim() ?? '';
  if (name !== client.name) input.name = name;
  for (const key of TEXT_FIELDS) {
    const value = v[key]?.trim() || null;
    if (value !== (client[key] ?? null)) input[key] = value;
  }
  if ((v.gridCode ?? null) !== client.gridCode) input.gridCode = v.gridCode ?? null;
  if ([...v.categories].sort().join() !== [...client.categories].sort().join()) input.categories = v.categories;
  if (v.phone?.trim()) input.phone = v.phone.trim();
  if (v.emergencyContactPhone?.trim()) input.emergencyContactPhone = v.emergencyContactPhone.trim();
  return input as ClientUpdateValue;
}

/** Edit a client's record: checked with ClientUpdateInput (the same checks as entry), only changed fields sent. */
export function EditClientModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { rules, validate } = useSchemaForm();
  const areas = useCareAreas();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateClient({ form, success: 'care.client.edit.saved' });
  const categories = Form.useWatch('categories', form) ?? client.categories;

  const handleSubmit = (v: EditValues) => {
    const input = validate(form, ClientUpdateInput, changesOf(client, v));
    if (!input) return;
    if (Object.keys(input).length === 1) return onClose(); // nothing changed
    return update.mutateAsync({ id: client.id, input }).then(onClose);
  };

  const text = (name: keyof EditValues, label: string, schema: Parameters<typeof schemaLimits>[0], md = 12) => (
    <Col xs={24} md={md}>
      <Form.Item name={name} label={label} rules={rules(schema)}>
        <Input maxLength={max(schema)} autoComplete="off" data-testid={`client-edit-${name}`} />
      </Form.Item>
    </Col>
  );
  const phone = (name: 'phone' | 'emergencyContactPhone', label: string, masked: string | null) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label} rules={rules(field[name])} extra={t('care.client.edit.phoneHint')}>
        <Input
          maxLength={11}
          inputMode="tel"
          autoComplete="off"
          placeholder={masked ?? undefined}
          data-testid={`client-edit-${name}`}
        />
      </Form.Item>
    </Col>
  );

  return (
    <FormModal<EditValues>
      title={t('care.client.edit.title')}
      form={form}
      width={720}
      onSubmit={handleSubmit}
      onClose={onClose}
      okText={t('app.save')}
      okTestId="client-edit-submit"
      error={update.alertError}
      errorTestId="client-edit-error"
      formTestId="client-edit-form"
      initialValues={{
        name: client.name,
        address: client.address ?? '',
        gridCode: client.gridCode,
        categories: client.categories,
        disabilityCategory: client.disabilityCategory ?? '',
        disabilityGrade: client.disabilityGrade ?? '',
        emergencyContactName: client.emergencyContactName ?? '',
        notes: client.notes ?? '',
      }}
    >
      <Row gutter={16}>
        {text('name', t('care.field.name'), field.name)}
        {phone('phone', t('care.field.phone'), client.phoneMasked)}
        <Col xs={24} md={12}>
          <Form.Item name="gridCode" label={t('care.field.grid')}>
            <Select allowClear options={areas.gridsOf(client.communityCode)} data-testid="client-edit-grid" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="categories"
            label={t('care.field.categories')}
            rules={rules(field.categories, {
              required: true,
              messages: {
                required: t('care.client.categoriesRequired'),
                too_small: t('care.client.categoriesRequired'),
              },
            })}
          >
            <Select
              mode="multiple"
              options={CLIENT_CATEGORIES.map((c) => ({ value: c, label: t(`care.category.${c}`) }))}
              data-testid="client-edit-categories"
            />
          </Form.Item>
        </Col>
        {text('address', t('care.field.address'), field.address, 24)}
        {categories.includes('disability') ? (
          <>
            {text('disabilityCategory', t('care.field.disabilityCategory'), field.disabilityCategory)}
            {text('disabilityGrade', t('care.field.disabilityGrade'), field.disabilityGrade)}
          </>
        ) : null}
        {text('emergencyContactName', t('care.field.emergencyContact'), field.emergencyContactName)}
        {phone('emergencyContactPhone', t('care.field.emergencyPhone'), client.emergencyContactPhoneMasked)}
        <Col xs={24}>
          <Form.Item name="notes" label={t('care.field.notes')} rules={rules(field.notes)}>
            <Input.TextArea rows={3} maxLength={max(field.notes)} showCount data-testid="client-edit-notes" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
