import { Form, Input, Select } from 'antd';
import type { RequestUnitInput } from '@linli/contracts/modules/requests';
import { REQUEST_UNIT_KINDS } from '@linli/contracts/modules/requests';
import { usePermission } from '../../../components/Can';
import { useI18n } from '../../../i18n';
import { useAreaTree } from '../../areas';
import { OrganisationSelect } from '../../partners';
import { UNIT_KIND_WORDS, useCoreWords } from '../core-words';

export interface UnitFormValues {
  kind: RequestUnitInput['kind'];
  gridCode?: string;
  organisationId?: string;
  departmentName?: string;
}

/** The street of a community: its first 9 digits (statistical codes). */
export const streetOf = (communityCode: string) => `${communityCode.slice(0, 9)}000`;

/** The form's unit choice → the API's unit, for a request in `communityCode`. */
export function unitOut(v: UnitFormValues, communityCode: string): RequestUnitInput {
  switch (v.kind) {
    case 'grid':
      return { kind: 'grid', areaCode: v.gridCode };
    case 'street_department':
      return { kind: 'street_department', areaCode: streetOf(communityCode), departmentName: v.departmentName?.trim() };
    case 'organisation':
      return { kind: 'organisation', organisationId: v.organisationId };
    default:
      return { kind: 'community', areaCode: communityCode };
  }
}

/**
 * The responsible unit to route or transfer to: the community itself, one of its grids, a department of its street
 * office, or a partner organisation from the register. Fields under the form's `unit` name.
 */
export function UnitFields({ communityCode }: { communityCode: string }) {
  const w = useCoreWords();
  const { fieldText } = useI18n();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['unit', 'kind'], form) as UnitFormValues['kind'] | undefined;
  const tree = useAreaTree(usePermission('area.read'));
  const grids = (tree.data?.items ?? []).filter(
    (a) => a.level === 'grid' && a.code.startsWith(communityCode) && a.status === 'active',
  );
  const required = [{ required: true, message: fieldText('field.required') ?? '' }];
  return (
    <>
      <Form.Item name={['unit', 'kind']} label={w.unitKind} rules={required}>
        <Select
          data-testid="unit-kind"
          aria-label={w.unitKind}
          options={REQUEST_UNIT_KINDS.map((k) => ({ value: k, label: w.say(UNIT_KIND_WORDS, k) }))}
        />
      </Form.Item>
      {kind === 'grid' ? (
        <Form.Item name={['unit', 'gridCode']} label={w.unitArea} rules={required}>
          <Select
            data-testid="unit-grid"
            aria-label={w.unitArea}
            options={grids.map((g) => ({ value: g.code, label: g.name }))}
          />
        </Form.Item>
      ) : null}
      {kind === 'street_department' ? (
        <Form.Item name={['unit', 'departmentName']} label={w.department} rules={required}>
          <Input maxLength={40} data-testid="unit-department" />
        </Form.Item>
      ) : null}
      {kind === 'organisation' ? (
        <Form.Item name={['unit', 'organisationId']} label={w.organisation} rules={required}>
          <OrganisationSelect testId="unit-organisation" ariaLabel={w.organisation} />
        </Form.Item>
      ) : null}
    </>
  );
}
