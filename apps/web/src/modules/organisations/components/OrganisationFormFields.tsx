import { Col, Form, Input, Row, Select } from 'antd';
import {
  KINDS_WITHOUT_USCC,
  ORGANISATION_KINDS,
  ORGANISATION_RATINGS,
  ORGANISATION_SUBTYPES,
  OrganisationFields,
  type OrganisationKind,
  RATED_KINDS,
  SERVICE_FIELDS,
} from '@linli/contracts/modules/organisations';
import { schemaLimits, useSchemaForm } from '../../../lib/schema-form';
import { FIELD_WORDS, KIND_WORDS, SUBTYPE_WORDS, useOrganisationsWords } from '../words';
import { ContactsFields } from './ContactsFields';
import { useAreaOptions } from './useAreaOptions';

const S = OrganisationFields.shape;

/** The register's form: the fields a kind has (USCC, subtype, grade, expert field) appear with that kind. */
export function OrganisationFormFields({ kind, editing }: { kind: OrganisationKind | undefined; editing: boolean }) {
  const w = useOrganisationsWords();
  const { rules } = useSchemaForm();
  const areas = useAreaOptions();
  const subtypes: readonly string[] = kind
    ? ((ORGANISATION_SUBTYPES as Record<string, readonly string[]>)[kind] ?? [])
    : [];
  const text = (name: keyof typeof S, label: string, testId?: string) => (
    <Form.Item name={name} label={label} rules={rules(S[name])}>
      <Input maxLength={schemaLimits(S[name]).max} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="kind" label={w.kind} rules={rules(S.kind, { required: true })}>
          <Select
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: w.say(KIND_WORDS[k]) }))}
            data-testid="organisation-kind"
          />
        </Form.Item>
      </Col>
      {subtypes.length ? (
        <Col xs={24} md={12}>
          <Form.Item name="subtype" label={w.subtype} rules={rules(S.subtype, { required: true })}>
            <Select
              options={subtypes.map((s) => ({ value: s, label: w.say(SUBTYPE_WORDS[s]) }))}
              data-testid="organisation-subtype"
            />
          </Form.Item>
        </Col>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item name="name" label={w.name} rules={rules(S.name, { required: true })}>
          <Input maxLength={schemaLimits(S.name).max} data-testid="organisation-name" />
        </Form.Item>
      </Col>
      {kind && !KINDS_WITHOUT_USCC.includes(kind) ? (
        <Col xs={24} md={12}>
          {text('uscc', w.uscc, 'organisation-uscc')}
        </Col>
      ) : null}
      {editing ? null : (
        <Col xs={24} md={12}>
          <Form.Item name="areaCode" label={w.area} rules={[{ required: true }]}>
            <Select
              options={areas.options}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="organisation-area"
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item name="serviceAreaCodes" label={w.serviceAreas}>
          <Select
            mode="multiple"
            options={areas.options}
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={w.serviceAreas}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="serviceFields" label={w.serviceFields}>
          <Select
            mode="multiple"
            options={SERVICE_FIELDS.map((f) => ({ value: f, label: w.say(FIELD_WORDS[f]) }))}
            aria-label={w.serviceFields}
          />
        </Form.Item>
      </Col>
      {kind === 'expert' ? (
        <>
          <Col xs={24} md={12}>
            {text('expertField', w.expertField, 'organisation-expert-field')}
          </Col>
          <Col xs={24} md={12}>
            {text('expertQualification', w.expertQualification)}
          </Col>
        </>
      ) : (
        <>
          <Col xs={24} md={12}>
            {text('registrationAuthority', w.registrationAuthority)}
          </Col>
          <Col xs={24} md={12}>
            {text('registeredOn', `${w.registeredOn} (YYYY-MM-DD)`)}
          </Col>
        </>
      )}
      {kind && RATED_KINDS.includes(kind) ? (
        <>
          <Col xs={12} md={6}>
            <Form.Item name="rating" label={w.rating}>
              <Select
                allowClear
                options={ORGANISATION_RATINGS.map((r) => ({ value: r, label: r }))}
                aria-label={w.rating}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            {text('ratedOn', w.ratedOn)}
          </Col>
        </>
      ) : null}
      <Col xs={24}>{text('address', w.address)}</Col>
      <Col xs={24}>{text('notes', w.notes)}</Col>
      <Col xs={24}>
        <ContactsFields editing={editing} />
      </Col>
    </Row>
  );
}
