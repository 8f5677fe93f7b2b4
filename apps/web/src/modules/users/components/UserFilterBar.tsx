import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select, TreeSelect } from 'antd';
import { STAFF_ROLES } from '@linli/contracts';
import { useI18n } from '../../../i18n';
import type { Role } from '../../../lib/types';
import type { UserFilters } from '../api';
import { useAreaOptions } from '../useAreaOptions';

interface UserFilterBarProps {
  value: UserFilters;
  /** Gets the changed filters; the search text typed so far goes with every change. */
  onChange: (patch: Partial<UserFilters>) => void;
}

/** Search + area + role + status filters. The search text (names are personal data) never goes in the URL. */
export function UserFilterBar({ value, onChange }: UserFilterBarProps) {
  const { t, roleName } = useI18n();
  const areas = useAreaOptions();
  const [q, setQ] = useState(value.q ?? '');
  // The list's search can change under the bar (Back, the menu entry again): show what the list uses.
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const update = (patch: Partial<UserFilters>, query = q) => onChange({ ...patch, q: query.trim() || undefined });

  return (
    <Flex wrap gap={8}>
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(next) => update({}, next)}
        placeholder={t('users.search')}
        aria-label={t('users.search')}
        allowClear
        maxLength={40}
        style={{ width: 240, maxWidth: '100%' }}
        data-testid="users-search"
      />
      <TreeSelect
        value={value.areaCode}
        onChange={(next: string | undefined) => update({ areaCode: next })}
        treeData={areas.treeData}
        placeholder={t('users.filterArea')}
        aria-label={t('users.filterArea')}
        allowClear
        showSearch
        treeNodeFilterProp="title"
        popupMatchSelectWidth={false}
        style={{ width: 200, maxWidth: '100%' }}
        data-testid="users-filter-area"
      />
      <Select<Role>
        value={value.role}
        onChange={(next) => update({ role: next })}
        options={STAFF_ROLES.map((r) => ({ value: r, label: roleName(r) }))}
        placeholder={t('users.filterRole')}
        aria-label={t('users.filterRole')}
        allowClear
        style={{ width: 160, maxWidth: '100%' }}
        data-testid="users-filter-role"
      />
      <Select<NonNullable<UserFilters['status']>>
        value={value.status}
        onChange={(next) => update({ status: next })}
        options={(['pending', 'active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
        placeholder={t('users.filterStatus')}
        aria-label={t('users.filterStatus')}
        allowClear
        style={{ width: 130, maxWidth: '100%' }}
        data-testid="users-filter-status"
      />
      <Button onClick={() => update({})}>{t('app.search')}</Button>
    </Flex>
  );
}
