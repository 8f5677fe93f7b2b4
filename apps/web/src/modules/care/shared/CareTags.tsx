import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { ClientCategory, ClientStatus, Tier } from './types';

export const TIER_COLORS: Record<Tier, string> = { red: '#cf1322', yellow: '#d4b106', blue: '#1677ff' };

/** The care tier as a coloured tag (红 / 黄 / 蓝); "unassessed" when there is none yet. */
export function TierTag({ tier, testId }: { tier: Tier | null; testId?: string }) {
  const { t } = useI18n();
  if (!tier) return <Tag data-testid={testId}>{t('care.tier.none')}</Tag>;
  return (
    <Tag color={TIER_COLORS[tier]} variant="solid" data-testid={testId} data-tier={tier}>
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
