import { Form, Input, Radio, Select } from 'antd';
import {
  ROUTING_UNIT_KINDS,
  type RequestCategory,
  RoutingRuleCreateInput,
  type RoutingUnitKind,
} from '@linli/contracts/modules/requests';
import { FormModal } from '../../../../components/FormModal';
import { useSchemaForm } from '../../../../lib/schema-form';
import { OrganisationSelect } from '../../../partners';
import { useCreateRule } from '../api';
import { UNIT_KIND_LABELS, useCatalogueWords } from '../words';
import { useDistrictAreas } from './useDistrictAreas';

interface Values {
  areaCode?: string;
  categoryId?: string;
  unitKind?: RoutingUnitKind;
  unitAreaCode?: string;
  organisationId?: string;
  departmentName?: string;
}
const ANY = '';

/** The unit fields for the chosen kind: grids, communities or streets inside the rule's area, or a partner. */
function UnitPicker({ kind, ruleArea }: { kind: RoutingUnitKind | undefined; ruleArea: string | undefined }) {
  const w = useCatalogueWords();
  const areas = useDistrictAreas();
  const options = (level: 'grid' | 'community' | 'street') =>
    areas.ofLevel(level, ruleArea).map((a) => ({ value: a.code, label: `${areas.nameOf(a.parentCode)} ${a.name}` }));
  if (kind === 'organisation')
    return (
      <Form.Item name="organisationId" label={w.organisation} rules={[{ required: true }]}>
        <OrganisationSelect testId="rule-organisation" ariaLabel={w.organisation} />
      </Form.Item>
    );
  if (kind === 'grid')
    return (
      <Form.Item name="unitAreaCode" label={w.grid} rules={[{ required: true }]}>
        <Select options={options('grid')} showSearch optionFilterProp="label" data-testid="rule-grid" />
      </Form.Item>
    );
  if (kind === 'street_department')
    return (
      <>
        <Form.Item name="departmentName" label={w.department} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={40} placeholder={w.departmentPlaceholder} data-testid="rule-department" />
        </Form.Item>
        <Form.Item name="unitAreaCode" label={w.street}>
          <Select allowClear placeholder={w.ownStreet} options={options('street')} />
        </Form.Item>
      </>
    );
  if (kind === 'community')
    return (
      <Form.Item name="unitAreaCode" label={w.community}>
        <Select allowClear placeholder={w.ownCommunity} options={options('community')} />
      </Form.Item>
    );
  return null;
}

/** A new rule: area × category → unit. */
export function RuleFormModal({
  districtCode,
  categories,
  onClose,
}: {
  districtCode: string;
  categories: RequestCategory[];
  onClose: () => void;
}) {
  const w = useCatalogueWords();
  const [form] = Form.useForm<Values>();
  const { validate } = useSchemaForm();
  const create = useCreateRule({ form, success: 'app.done' });
  const areas = useDistrictAreas();
  const kind = Form.useWatch('unitKind', form);
  const ruleArea = Form.useWatch('areaCode', form);
  const areaOptions = [
    { value: districtCode, label: `${areas.nameOf(districtCode)}（${w.levelDistrict}）` },
    ...areas.ofLevel('street', districtCode).map((a) => ({ value: a.code, label: a.name })),
    ...areas
      .ofLevel('community', districtCode)
      .map((a) => ({ value: a.code, label: `${areas.nameOf(a.parentCode)} ${a.name}` })),
  ];
  const submit = (v: Values) => {
    const input = validate(form, RoutingRuleCreateInput, {
      ...v,
      categoryId: v.categoryId ? v.categoryId : null,
      departmentName: v.unitKind === 'street_department' ? v.departmentName : undefined,
      organisationId: v.unitKind === 'organisation' ? v.organisationId : undefined,
      unitAreaCode: v.unitKind === 'organisation' ? undefined : v.unitAreaCode || undefined,
    });
    return input ? create.mutateAsync(input).then(onClose) : undefined;
  };
  return (
    <FormModal
      title={w.ruleCreate}
      form={form}
      initialValues={{ areaCode: districtCode, categoryId: ANY, unitKind: 'community' }}
      onValuesChange={(changed) => {
        if ('unitKind' in changed || 'areaCode' in changed) form.setFieldValue('unitAreaCode', undefined);
      }}
      onSubmit={submit}
      onClose={onClose}
      error={create.alertError}
      okTestId="rule-save"
      formTestId="rule-form"
    >
      <Form.Item name="areaCode" label={w.ruleArea} rules={[{ required: true }]}>
        <Select options={areaOptions} showSearch optionFilterProp="label" data-testid="rule-area" />
      </Form.Item>
      <Form.Item name="categoryId" label={w.ruleCategory}>
        <Select
          data-testid="rule-category"
          showSearch
          optionFilterProp="label"
          options={[
            { value: ANY, label: w.anyCategory },
            ...categories.map((c) => ({ value: c.id, label: `${c.group} · ${c.name}` })),
          ]}
        />
      </Form.Item>
      <Form.Item name="unitKind" label={w.unitKind} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="rule-unit-kind"
          options={ROUTING_UNIT_KINDS.map((k) => ({ value: k, label: w.say(UNIT_KIND_LABELS[k]) }))}
        />
      </Form.Item>
      <UnitPicker kind={kind} ruleArea={ruleArea} />
    </FormModal>
  );
}
