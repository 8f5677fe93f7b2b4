import { Alert, Radio, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { PlaceList } from '@linli/contracts/modules/places';
import { api } from '../../../lib/api-client';
import { PLACE_KIND_WORDS, useCoreWords } from '../core-words';

export function useCommunityPlaces(communityCode: string | undefined) {
  return useQuery({
    queryKey: ['places', 'list', communityCode] as const,
    queryFn: async () => {
      const answer = await api.get<PlaceList>('/places', { communityCode });
      return answer.items.filter((p) => p.active);
    },
    enabled: !!communityCode,
    staleTime: 5 * 60_000,
  });
}

/**
 * Where the problem is: the community as a whole, or one of its own listed buildings and places (no map tiles).
 * `value` is a place id, or undefined for the community.
 */
export function PlacePicker({
  communityCode,
  value,
  onChange,
  testId = 'place',
}: {
  communityCode: string | undefined;
  value?: string | undefined;
  onChange?: (placeId: string | undefined) => void;
  testId?: string;
}) {
  const w = useCoreWords();
  const places = useCommunityPlaces(communityCode);
  const picking = value !== undefined;
  const options = (places.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${w.say(PLACE_KIND_WORDS, p.kind)}）`,
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={picking ? 'place' : 'community'}
        onChange={(e) => onChange?.(e.target.value === 'place' ? (options[0]?.value ?? undefined) : undefined)}
        data-testid={`${testId}-mode`}
      >
        <Space direction="vertical">
          <Radio value="community" data-testid={`${testId}-community`}>
            {w.placeCommunity}
          </Radio>
          <Radio value="place" disabled={!options.length} data-testid={`${testId}-pick`}>
            {w.placePick}
          </Radio>
        </Space>
      </Radio.Group>
      {places.isSuccess && !options.length ? <span>{w.noPlaces}</span> : null}
      {places.error ? <Alert type="warning" showIcon title={w.noPlaces} /> : null}
      {picking ? (
        <Select
          showSearch
          optionFilterProp="label"
          value={value}
          onChange={(id: string) => onChange?.(id)}
          options={options}
          aria-label={w.placePick}
          data-testid={`${testId}-select`}
          style={{ width: '100%' }}
        />
      ) : null}
    </Space>
  );
}
