import { Tag } from 'antd';
import { useI18n } from '../../../../i18n';
import type { CaseStatus } from '../../shared/types';

const COLORS: Record<CaseStatus, string> = {
  draft: 'default',
  plan_pending: 'gold',
  active: 'green',
  closure_pending: 'orange',
  closed: 'default',
};

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`care.case.status.${status}`)}
    </Tag>
  );
}
