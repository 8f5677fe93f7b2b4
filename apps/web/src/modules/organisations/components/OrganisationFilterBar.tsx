import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { ORGANISATION_KINDS, ORGANISATION_RATINGS, SERVICE_FIELDS } from '@linli/contracts/modules/organisations';
import { useI18n } from '../../../i18n';
import type { OrganisationFilters } from '../api';
import { FIELD_WORDS, KIND_WORDS, useOrganisationsWords } from '../words';
import { useAreaOptions } from './useAreaOptions';

interface Props {
  value: OrganisationFilters;
  onChange: (patch: Partial<OrganisationFilters>) => void;
}

/** Search (name, pinyin, initials, credit code) and the directory's filters: kind, area, service field, grade. */
export function OrganisationFilterBar({ value, onChange }: Props) {
  const w = useOrganisationsWords();
  const { t } = useI18n();
  const areas = useAreaOptions();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const update = (patch: Partial<OrganisationFilters>, query = q) =>
    onChange({ ...patch, q: query.trim() || undefined });
  const style = { width: 160, maxWidth: '100%' };
  return (
    <Flex wrap gap={8} align="center">
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(next) => update({}, next)}
        placeholder={w.search}
        aria-label={w.search}
        allowClear
        maxLength={50}
        style={{ width: 300, maxWidth: '100%' }}
        data-testid="organisations-search"
      />
      <Select
        value={value.kind}
        onChange={(next: string | undefined) => update({ kind: next })}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: w.say(KIND_WORDS[k]) }))}
        placeholder={w.kind}
        aria-label={w.kind}
        allowClear
        style={style}
        data-testid="organisations-filter-kind"
      />
      <Select
        value={value.areaCode}
        onChange={(next: string | undefined) => update({ areaCode: next })}
        options={areas.options}
        placeholder={w.area}
        aria-label={w.area}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={style}
        data-testid="organisations-filter-area"
      />
      <Select
        value={value.serviceField}
        onChange={(next: string | undefined) => update({ serviceField: next })}
        options={SERVICE_FIELDS.map((f) => ({ value: f, label: w.say(FIELD_WORDS[f]) }))}
        placeholder={w.serviceFields}
        aria-label={w.serviceFields}
        allowClear
        style={style}
        data-testid="organisations-filter-field"
      />
      <Select
        value={value.rating}
        onChange={(next: string | undefined) => update({ rating: next })}
        options={ORGANISATION_RATINGS.map((r) => ({ value: r, label: r }))}
        placeholder={w.rating}
        aria-label={w.rating}
        allowClear
        style={{ width: 110 }}
        data-testid="organisations-filter-rating"
      />
      <Button onClick={() => update({})}>{t('app.search')}</Button>
    </Flex>
  );
}
