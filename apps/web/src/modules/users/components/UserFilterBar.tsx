import { Button, Flex, Input, Select, TreeSelect } from 'antd';
import { ROLES } from '@linli/contracts';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import type { Role } from '../../../lib/types';
import type { UserFilters } from '../api';
import { useAreaOptions } from '../useAreaOptions';

/** Search + area + role filters; kept in memory, never in the URL (names are personal data). */
export function UserFilterBar({ onChange }: { onChange: (filters: UserFilters) => void }) {
  const { t, roleName } = useI18n();
  const areas = useAreaOptions();
  const [q, setQ] = useState('');
  const [areaCode, setAreaCode] = useState<string | undefined>();
  const [role, setRole] = useState<Role | undefined>();

  const apply = (next: { q?: string; areaCode?: string; role?: Role }) =>
    onChange({ q: next.q?.trim() || undefined, areaCode: next.areaCode, role: next.role });

  return (
    <Flex wrap gap={8}>
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => apply({ q: value, areaCode, role })}
        placeholder={t('users.search')}
        allowClear
        maxLength={40}
        style={{ width: 240, maxWidth: '100%' }}
        data-testid="users-search"
      />
      <TreeSelect
        value={areaCode}
        onChange={(value: string | undefined) => {
          setAreaCode(value);
          apply({ q, areaCode: value, role });
        }}
        treeData={areas.treeData}
        placeholder={t('users.filterArea')}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        popupMatchSelectWidth={false}
        style={{ width: 200, maxWidth: '100%' }}
        data-testid="users-filter-area"
      />
      <Select<Role>
        value={role}
        onChange={(value) => {
          setRole(value);
          apply({ q, areaCode, role: value });
        }}
        options={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
        placeholder={t('users.filterRole')}
        allowClear
        style={{ width: 160, maxWidth: '100%' }}
        data-testid="users-filter-role"
      />
      <Button onClick={() => apply({ q, areaCode, role })}>{t('app.search')}</Button>
    </Flex>
  );
}
