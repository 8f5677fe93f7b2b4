import { Col, DatePicker, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import {
  CLIENT_CATEGORIES,
  ClientInput,
  EARLIEST_BIRTH_DATE,
  chinaToday,
  isPlausibleBirthDate,
  parseIdNumber,
} from '@linli/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../../i18n';
import { schemaLimits, useSchemaForm } from '../../../../lib/schema-form';
import type { ClientCategory } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';

export interface ClientFormValues {
  name: string;
  idNumber?: string;
  sex?: 'male' | 'female';
  birthDate?: Dayjs | null;
  phone?: string;
  communityCode?: string;
  gridCode?: string;
  address?: string;
  categories: ClientCategory[];
  disabilityCardNumber?: string;
  disabilityCategory?: string;
  disabilityGrade?: string;
  emergencyContactName?: string;
  emergencyContactPhone?: string;
  notes?: string;
}

const field = ClientInput.shape;
const max = (schema: Parameters<typeof schemaLimits>[0]) => schemaLimits(schema).max;
const toDate = (value: unknown) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value);

interface ClientFormFieldsProps {
  form: FormInstance<ClientFormValues>;
  /** Called when a field that identifies a person loses focus: the page checks for duplicates early. */
  onIdentityBlur: () => void;
}

/** The ClientInput fields, checked with the ClientInput schema, in two columns on wide screens and one on phones. */
export function ClientFormFields({ form, onIdentityBlur }: ClientFormFieldsProps) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  const areas = useCareAreas();
  const communityCode = Form.useWatch('communityCode', form);
  const categories = Form.useWatch('categories', form) ?? [];

  return (
    <Row gutter={16}>
      <IdentityFields form={form} onIdentityBlur={onIdentityBlur} />
      <Col xs={24} md={12}>
        <Form.Item name="communityCode" label={t('care.field.community')} rules={rules(field.communityCode)}>
          <Select
            options={areas.communities}
            loading={areas.loading}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={() => form.setFieldsValue({ gridCode: undefined })}
            data-testid="client-form-community"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="gridCode" label={t('care.field.grid')}>
          <Select
            options={areas.gridsOf(communityCode)}
            allowClear
            disabled={!communityCode}
            data-testid="client-form-grid"
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item
          name="categories"
          label={t('care.field.categories')}
          rules={rules(field.categories, {
            messages: { required: t('care.client.categoriesRequired'), too_small: t('care.client.categoriesRequired') },
          })}
        >
          <Select
            mode="multiple"
            options={CLIENT_CATEGORIES.map((c) => ({ value: c, label: t(`care.category.${c}`) }))}
            data-testid="client-form-categories"
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="address" label={t('care.field.address')} rules={rules(field.address)}>
          <Input maxLength={max(field.address)} autoComplete="off" />
        </Form.Item>
      </Col>
      {categories.includes('disability') ? <DisabilityFields /> : null}
      <Col xs={24} md={12}>
        <Form.Item
          name="emergencyContactName"
          label={t('care.field.emergencyContact')}
          rules={rules(field.emergencyContactName)}
        >
          <Input count={{ show: true, max: max(field.emergencyContactName) }} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="emergencyContactPhone"
          label={t('care.field.emergencyPhone')}
          rules={rules(field.emergencyContactPhone)}
        >
          <Input maxLength={11} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="notes" label={t('care.field.notes')} rules={rules(field.notes)}>
          <Input.TextArea rows={3} maxLength={max(field.notes)} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Who the person is: name, ID number (which fills sex and birth date), sex, birth date, mobile number. */
function IdentityFields({ form, onIdentityBlur }: ClientFormFieldsProps) {
  const { t } = useI18n();
  const { rules } = useSchemaForm();

  /** A valid ID number fills sex and birth date (GB 11643: digit 17 is odd for men; digits 7–14 the date). */
  const handleIdChange = (value: string) => {
    const info = parseIdNumber(value);
    // An ID number born in the future or before 1900 fills nothing: its own field says what is wrong with it.
    if (info && isPlausibleBirthDate(info.birthDate))
      form.setFieldsValue({ sex: info.sex, birthDate: dayjs(info.birthDate) });
  };

  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="name" label={t('care.field.name')} rules={rules(field.name)}>
          <Input
            // A name over the limit is an error (the schema's rule), never silently cut: the count shows how far over.
            count={{ show: true, max: max(field.name) }}
            autoComplete="off"
            onBlur={onIdentityBlur}
            data-testid="client-form-name"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="idNumber" label={t('care.field.idNumber')} rules={rules(field.idNumber)}>
          <Input
            maxLength={18}
            autoComplete="off"
            onChange={(e) => handleIdChange(e.target.value)}
            onBlur={onIdentityBlur}
            data-testid="client-form-idNumber"
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="sex" label={t('care.field.sex')}>
          <Radio.Group
            options={[
              { value: 'male', label: t('care.sex.male') },
              { value: 'female', label: t('care.sex.female') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="birthDate" label={t('care.field.birthDate')} rules={rules(field.birthDate, { map: toDate })}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => {
              const date = d.format('YYYY-MM-DD');
              return date > chinaToday() || date < EARLIEST_BIRTH_DATE;
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="phone" label={t('care.field.phone')} rules={rules(field.phone)}>
          <Input
            maxLength={11}
            inputMode="tel"
            autoComplete="off"
            onBlur={onIdentityBlur}
            data-testid="client-form-phone"
          />
        </Form.Item>
      </Col>
    </>
  );
}

/** Shown for a client in the disability category: card number, category and grade. */
function DisabilityFields() {
  const { t } = useI18n();
  const { rules } = useSchemaForm();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item
          name="disabilityCardNumber"
          label={t('care.field.disabilityCard')}
          rules={rules(field.disabilityCardNumber)}
        >
          <Input maxLength={max(field.disabilityCardNumber)} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name="disabilityCategory"
          label={t('care.field.disabilityCategory')}
          rules={rules(field.disabilityCategory)}
        >
          <Input maxLength={max(field.disabilityCategory)} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="disabilityGrade" label={t('care.field.disabilityGrade')} rules={rules(field.disabilityGrade)}>
          <Input maxLength={max(field.disabilityGrade)} />
        </Form.Item>
      </Col>
    </>
  );
}
