import { Tag } from 'antd';
import { isAdminRole, type Role } from '@linli/contracts';
import { useI18n } from '../i18n';

/** Localized role names as tags; the three separated admin roles stand out. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { roleName } = useI18n();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={isAdminRole(role) ? 'volcano' : 'blue'} style={{ marginBottom: 4 }}>
          {roleName(role)}
        </Tag>
      ))}
    </>
  );
}
