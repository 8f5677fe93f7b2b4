import { useState } from 'react';
import { Button, Flex, Input, Select, Switch, Typography } from 'antd';
import { CLIENT_CATEGORIES, CLIENT_STATUSES, TIERS } from '@linli/contracts';
import { useI18n } from '../../../i18n';
import type { ClientFilters } from '../api';
import { useCareAreas } from '../useCareAreas';

/** Search + filters for the client list; kept in memory, never in the URL (names and ID numbers are personal data). */
export function ClientFilterBar({ onChange }: { onChange: (filters: ClientFilters) => void }) {
  const { t } = useI18n();
  const areas = useCareAreas();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Omit<ClientFilters, 'q'>>({});

  const apply = (next: Omit<ClientFilters, 'q'>, query = q) => onChange({ ...next, q: query.trim() || undefined });
  const update = (patch: Omit<ClientFilters, 'q'>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    apply(next);
  };

  const selectStyle = { width: 150, maxWidth: '100%' };
  return (
    <Flex wrap gap={8} align="center">
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => apply(filters, value)}
        placeholder={t('care.clients.search')}
        allowClear
        maxLength={40}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="clients-search"
      />
      <Select
        value={filters.communityCode}
        onChange={(value: string | undefined) => update({ communityCode: value, gridCode: undefined })}
        options={areas.communities}
        placeholder={t('care.field.community')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={selectStyle}
        data-testid="clients-filter-community"
      />
      <Select
        value={filters.gridCode}
        onChange={(value: string | undefined) => update({ gridCode: value })}
        options={areas.gridsOf(filters.communityCode)}
        placeholder={t('care.field.grid')}
        allowClear
        disabled={!filters.communityCode}
        style={selectStyle}
        data-testid="clients-filter-grid"
      />
      <Select
        value={filters.tier}
        onChange={(value) => update({ tier: value })}
        options={TIERS.map((tier) => ({ value: tier, label: t(`care.tier.${tier}`) }))}
        placeholder={t('care.field.tier')}
        allowClear
        style={{ width: 110 }}
        data-testid="clients-filter-tier"
      />
      <Select
        value={filters.category}
        onChange={(value) => update({ category: value })}
        options={CLIENT_CATEGORIES.map((c) => ({ value: c, label: t(`care.category.${c}`) }))}
        placeholder={t('care.field.categories')}
        allowClear
        style={selectStyle}
        data-testid="clients-filter-category"
      />
      <Select
        value={filters.status}
        onChange={(value) => update({ status: value })}
        options={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`care.status.${s}`) }))}
        placeholder={t('care.field.status')}
        allowClear
        style={{ width: 120 }}
        data-testid="clients-filter-status"
      />
      <Flex align="center" gap={6}>
        <Switch
          checked={!!filters.overdue}
          onChange={(checked) => update({ overdue: checked || undefined })}
          data-testid="clients-filter-overdue"
          aria-label={t('care.clients.overdueOnly')}
        />
        <Typography.Text>{t('care.clients.overdueOnly')}</Typography.Text>
      </Flex>
      <Button onClick={() => apply(filters)}>{t('app.search')}</Button>
    </Flex>
  );
}
