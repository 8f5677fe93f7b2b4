import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useOrganisationSearch } from '../api';
import { usePartnersWords } from '../words';

/** The value of the "其他" option: a provider outside the register, named by hand. */
export const OTHER_PROVIDER = 'other';

export interface OrganisationSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Offer "其他 (not in the register)" after the organisations (the referral form). */
  withOther?: boolean;
  testId?: string;
  ariaLabel?: string;
  /** The organisation already chosen (an edit form), so its name shows before any search finds it. */
  selected?: { id: string; name: string } | null;
}

/**
 * A searchable choice of the partner register's organisations (names and pinyin, searched by the server as one
 * types), optionally with "其他". Works inside a Form.Item (value / onChange) or on its own.
 */
export function OrganisationSelect({
  value,
  onChange,
  withOther,
  testId,
  ariaLabel,
  selected,
}: OrganisationSelectProps) {
  const w = usePartnersWords();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useOrganisationSearch(q);
  const options = (search.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.areaName ? `${o.name}（${o.areaName}）` : o.name,
  }));
  if (selected && !options.some((o) => o.value === selected.id))
    options.unshift({ value: selected.id, label: selected.name });
  if (withOther) options.push({ value: OTHER_PROVIDER, label: w.otherProvider });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      onSearch={setTyped}
      filterOption={false}
      // At most 20 matches and "其他": all rendered, so "其他" is never scrolled out of a virtual list.
      virtual={false}
      loading={search.isFetching}
      placeholder={w.organisationSearch}
      options={options}
      data-testid={testId}
      aria-label={ariaLabel ?? w.organisation}
      style={{ width: '100%', minWidth: 200 }}
    />
  );
}
