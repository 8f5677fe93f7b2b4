import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { ClientCategory, ClientStatus, Tier } from './types';

/** Each tier's colour for text on white (figures, labels): at least 4.5:1 (WCAG AA), yellow darkened to olive. */
export const TIER_COLORS: Record<Tier, string> = { red: '#cf1322', yellow: '#876800', blue: '#0958d9' };

/** The tier tag's fill and text: a yellow fill takes dark text, red and blue white (each at least 5.5:1). */
const TIER_TAG: Record<Tier, { fill: string; text: string }> = {
  red: { fill: '#cf1322', text: '#ffffff' },
  yellow: { fill: '#fadb14', text: 'rgba(0, 0, 0, 0.88)' },
  blue: { fill: '#0958d9', text: '#ffffff' },
};

/** The care tier as a coloured tag (红 / 黄 / 蓝); "unassessed" when there is none yet. */
export function TierTag({ tier, testId }: { tier: Tier | null; testId?: string }) {
  const { t } = useI18n();
  if (!tier) return <Tag data-testid={testId}>{t('care.tier.none')}</Tag>;
  return (
    <Tag
      color={TIER_TAG[tier].fill}
      variant="solid"
      style={{ color: TIER_TAG[tier].text }}
      data-testid={testId}
      data-tier={tier}
    >
      {t(`care.tier.${tier}`)}
    </Tag>
  );
}

export function CategoryTags({ categories }: { categories: readonly ClientCategory[] }) {
  const { t } = useI18n();
  return (
    <>
      {categories.map((c) => (
        <Tag key={c} style={{ marginBottom: 4 }}>
          {t(`care.category.${c}`)}
        </Tag>
      ))}
    </>
  );
}

const STATUS_COLORS: Record<ClientStatus, string> = {
  active: 'green',
  paused: 'orange',
  moved_out: 'default',
  deceased: 'default',
  closed: 'default',
};

export function ClientStatusTag({ status }: { status: ClientStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`care.status.${status}`)}</Tag>;
}
