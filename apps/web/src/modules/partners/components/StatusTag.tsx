import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { ReferralStatus } from '../api';

const COLORS: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'cyan',
  declined: 'red',
  done: 'green',
  withdrawn: 'default',
};

/** A referral's status, in the words the staff side uses. */
export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid={`partner-referral-status-${status}`}>
      {t(`care.referral.status.${status}`)}
    </Tag>
  );
}
