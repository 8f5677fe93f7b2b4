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
  const [status, setStatus] = useState<UserFilters['status']>();

  const apply = (next: { q?: string; areaCode?: string; role?: Role; status?: UserFilters['status'] }) =>
    onChange({ q: next.q?.trim() || undefined, areaCode: next.areaCode, role: next.role, status: next.status });

  return (
    <Flex wrap gap={8}>
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => apply({ q: value, areaCode, role, status })}
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
          apply({ q, areaCode: value, role, status });
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
          apply({ q, areaCode, role: value, status });
        }}
        options={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
        placeholder={t('users.filterRole')}
        allowClear
        style={{ width: 160, maxWidth: '100%' }}
        data-testid="users-filter-role"
      />
      <Select<NonNullable<UserFilters['status']>>
        value={status}
        onChange={(value) => {
          setStatus(value);
          apply({ q, areaCode, role, status: value });
        }}
        options={(['pending', 'active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
        placeholder={t('users.filterStatus')}
        aria-label={t('users.filterStatus')}
        allowClear
        style={{ width: 130, maxWidth: '100%' }}
        data-testid="users-filter-status"
      />
      <Button onClick={() => apply({ q, areaCode, role, status })}>{t('app.search')}</Button>
    </Flex>
  );
}
