import { Card, Row } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n';
import type { Approvals } from '../api';
import { StatTile } from './StatTile';

const KINDS: { key: keyof Approvals; label: MessageKey; to: string }[] = [
  { key: 'tierChanges', label: 'home.approvals.tierChanges', to: '/care/approvals' },
  { key: 'casePlans', label: 'home.approvals.casePlans', to: '/care/case-approvals' },
  { key: 'caseClosures', label: 'home.approvals.caseClosures', to: '/care/case-approvals' },
  { key: 'exports', label: 'home.approvals.exports', to: '/care/exports' },
];

/** The requests this person may decide now, one tile per kind they can decide, each opening its queue. */
export function ApprovalsCard({ approvals }: { approvals: Approvals }) {
  const { t } = useI18n();
  return (
    <Card title={t('home.approvals.title')} data-testid="home-approvals">
      <Row gutter={[12, 12]}>
        {KINDS.filter((k) => approvals[k.key] !== null).map((k) => (
          <StatTile
            key={k.key}
            testId={`home-approvals-${k.key}`}
            label={t(k.label)}
            value={approvals[k.key]}
            to={k.to}
          />
        ))}
      </Row>
    </Card>
  );
}
