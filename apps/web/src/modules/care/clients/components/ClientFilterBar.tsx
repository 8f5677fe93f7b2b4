import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select, Switch, Typography } from 'antd';
import { CLIENT_CATEGORIES, CLIENT_STATUSES, TIERS } from '@linli/contracts';
import { useI18n } from '../../../../i18n';
import { useCareAreas } from '../../shared/useCareAreas';
import type { ClientFilters } from '../api';

interface ClientFilterBarProps {
  value: ClientFilters;
  /** Gets the changed filters; the search text typed so far goes with every change. */
  onChange: (patch: Partial<ClientFilters>) => void;
}

/**
 * Search + filters for the client list. The page keeps areas, tier, category, status and "overdue" in the URL; the
 * search text (names, ID numbers: personal data) never goes there.
 */
export function ClientFilterBar({ value, onChange }: ClientFilterBarProps) {
  const { t } = useI18n();
  const areas = useCareAreas();
  const [q, setQ] = useState(value.q ?? '');
  // The list's search can change under the bar (Back, the menu entry again): show what the list uses.
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const update = (patch: Partial<ClientFilters>, query = q) => onChange({ ...patch, q: query.trim() || undefined });

  const selectStyle = { width: 150, maxWidth: '100%' };
  return (
    <Flex wrap gap={8} align="center">
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(next) => update({}, next)}
        placeholder={t('care.client.search')}
        aria-label={t('care.client.search')}
        allowClear
        maxLength={40}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="clients-search"
      />
      <Select
        value={value.communityCode}
        onChange={(next: string | undefined) => update({ communityCode: next, gridCode: undefined })}
        options={areas.communities}
        placeholder={t('care.field.community')}
        aria-label={t('care.field.community')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={selectStyle}
        data-testid="clients-filter-community"
      />
      <Select
        value={value.gridCode}
        onChange={(next: string | undefined) => update({ gridCode: next })}
        options={areas.gridsOf(value.communityCode)}
        placeholder={t('care.field.grid')}
        aria-label={t('care.field.grid')}
        allowClear
        disabled={!value.communityCode}
        style={selectStyle}
        data-testid="clients-filter-grid"
      />
      <Select
        value={value.tier}
        onChange={(next) => update({ tier: next })}
        options={TIERS.map((tier) => ({ value: tier, label: t(`care.tier.${tier}`) }))}
        placeholder={t('care.field.tier')}
        aria-label={t('care.field.tier')}
        allowClear
        style={{ width: 110 }}
        data-testid="clients-filter-tier"
      />
      <Select
        value={value.category}
        onChange={(next) => update({ category: next })}
        options={CLIENT_CATEGORIES.map((c) => ({ value: c, label: t(`care.category.${c}`) }))}
        placeholder={t('care.field.categories')}
        aria-label={t('care.field.categories')}
        allowClear
        style={selectStyle}
        data-testid="clients-filter-category"
      />
      <Select
        value={value.status}
        onChange={(next) => update({ status: next })}
        options={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`care.status.${s}`) }))}
        placeholder={t('care.field.status')}
        aria-label={t('care.field.status')}
        allowClear
        style={{ width: 120 }}
        data-testid="clients-filter-status"
      />
      <Flex align="center" gap={6}>
        <Switch
          checked={value.overdue === 'true'}
          onChange={(checked) => update({ overdue: checked ? 'true' : undefined })}
          data-testid="clients-filter-overdue"
          aria-label={t('care.client.overdueOnly')}
        />
        <Typography.Text>{t('care.client.overdueOnly')}</Typography.Text>
      </Flex>
      <Button onClick={() => update({})}>{t('app.search')}</Button>
    </Flex>
  );
}
