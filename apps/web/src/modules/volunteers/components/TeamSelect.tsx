import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useSession } from '../../auth';
import { useTeams } from '../api';
import { useVolunteersWords } from '../words';

/**
 * A volunteer team of the jurisdiction to filter by (other modules' per-team statements: hours, points), named with
 * its community when the user holds more than one. Clearing it means "any team" (undefined).
 */
export function TeamSelect({
  value,
  onChange,
  label,
  testId,
  allowClear = true,
  style,
}: {
  value: string | undefined;
  onChange: (teamId: string | undefined) => void;
  /** The accessible name (and placeholder): what the filter is for. */
  label?: string;
  testId?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const w = useVolunteersWords();
  const session = useSession();
  const teams = useTeams();
  const areaName = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;
  const several = new Set((teams.data?.items ?? []).map((t) => t.areaCode)).size > 1;
  return (
    <Select
      allowClear={allowClear}
      showSearch
      optionFilterProp="label"
      aria-label={label ?? w.parts.team}
      placeholder={label ?? w.anyTeam}
      value={value}
      onChange={(v?: string) => onChange(v ?? undefined)}
      loading={teams.isLoading}
      style={{ minWidth: 200, ...style }}
      data-testid={testId}
      options={(teams.data?.items ?? []).map((t) => ({
        value: t.id,
        label: several ? `${t.name}（${areaName(t.areaCode)}）` : t.name,
      }))}
    />
  );
}
