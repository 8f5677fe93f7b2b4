import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { UserSummary } from '../../../lib/types';

const COLORS: Record<UserSummary['status'], string> = {
  pending: 'gold',
  active: 'green',
  disabled: 'default',
  locked: 'red',
};

export function UserStatusTag({ status }: { status: UserSummary['status'] }) {
  const { t } = useI18n();
  return <Tag color={COLORS[status]}>{t(`users.status.${status}`)}</Tag>;
}
