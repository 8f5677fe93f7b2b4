import { Select } from 'antd';
import { STAFF_ROLES, UserRolesInput, separationConflict } from '@linli/contracts';
import type { FormRule } from 'antd';
import { useI18n } from '../../../i18n';
import type { Role } from '../../../lib/types';
import { useSchemaForm } from '../../../lib/schema-form';

/** Roles multi-select with localized names. */
export function RoleSelect(props: { value?: Role[]; onChange?: (roles: Role[]) => void; testId?: string }) {
  const { roleName } = useI18n();
  return (
    <Select<Role[]>
      mode="multiple"
      value={props.value}
      onChange={props.onChange}
      options={STAFF_ROLES.map((r) => ({ value: r, label: roleName(r) }))}
      optionFilterProp="label"
      data-testid={props.testId}
    />
  );
}

/** Form rules for a role set: UserRolesInput (at least one), and 三员分立 checked before the server sees it. */
export function useRoleRules(): FormRule[] {
  const { t, errorCodeMessage } = useI18n();
  const { rules } = useSchemaForm();
  const required = t('users.rolesRequired');
  return [
    ...rules(UserRolesInput.shape.roles, { messages: { required, too_small: required } }),
    {
      validator: (_rule, value: Role[] | undefined) =>
        value && separationConflict(value)
          ? Promise.reject(new Error(errorCodeMessage('user.role_conflict')))
          : Promise.resolve(),
    },
  ];
}
