import { Button, Flex, Typography } from 'antd';
import { NEED_DOMAINS } from '@linli/contracts';
import { Link } from 'react-router-dom';
import type { DataColumn } from '../../../../components/DataTable';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { useDecisionColumns, type ApprovalViewName } from '../../shared/Approvals';
import { TierTag } from '../../shared/CareTags';
import type { TierApproval } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';

/** The assessment behind a change: each scored domain in words with its score, and the notes. */
function Scores({ approval }: { approval: TierApproval }) {
  const { t } = useI18n();
  const a = approval.assessment;
  if (!a) return <>{t('care.tiers.approvals.noAssessment')}</>;
  const scored = NEED_DOMAINS.filter((d) => (a.scores[d]?.score ?? 0) > 0);
  return (
    <Flex vertical gap={2} data-testid={`approval-scores-${approval.id}`}>
      {scored.length === 0 ? '0' : null}
      {scored.map((d) => (
        <span key={d}>
          {t(`care.domain.${d}`)} <strong>{a.scores[d]!.score}</strong>
          {a.scores[d]!.note ? <Typography.Text type="secondary"> · {a.scores[d]!.note}</Typography.Text> : null}
        </span>
      ))}
    </Flex>
  );
}

/** Columns of the tier approval queue: who, the change, the scores and reason behind it, then actions or decision. */
export function useTierApprovalColumns(
  view: ApprovalViewName,
  actions: { busyId: string | null; onApprove: (a: TierApproval) => void; onReject: (a: TierApproval) => void },
): DataColumn<TierApproval>[] {
  const { t } = useI18n();
  const areas = useCareAreas();
  const decisionColumns = useDecisionColumns<TierApproval>((a) => ({
    id: a.id,
    decision: a.status === 'applied' ? 'approved' : a.status === 'rejected' ? 'rejected' : null,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
  }));
  const base: DataColumn<TierApproval>[] = [
    {
      key: 'client',
      title: t('care.field.name'),
      width: 120,
      card: 'title',
      render: (a) => <Link to={`/care/clients/${a.clientId}`}>{a.clientName}</Link>,
    },
    { key: 'community', title: t('care.field.community'), width: 130, render: (a) => areas.nameOf(a.communityCode) },
    {
      key: 'change',
      title: t('care.tiers.approvals.change'),
      width: 130,
      render: (a) => (
        <>
          <TierTag tier={a.fromTier} /> → <TierTag tier={a.toTier} />
        </>
      ),
    },
    { key: 'scores', title: t('care.tiers.approvals.scores'), width: 200, render: (a) => <Scores approval={a} /> },
    { key: 'reason', title: t('app.reason'), width: 200, render: (a) => a.reason ?? '—' },
    { key: 'by', title: t('care.tiers.approvals.requestedBy'), width: 110, render: (a) => a.requestedBy ?? '—' },
    {
      key: 'at',
      title: t('care.tiers.approvals.requestedAt'),
      width: 170,
      render: (a) => formatDateTime(a.requestedAt),
    },
  ];
  if (view === 'decided') return [...base, ...decisionColumns];
  return [
    ...base,
    {
      key: 'actions',
      title: t('app.actions'),
      width: 160,
      card: 'actions',
      render: (a) => (
        <Flex gap={8}>
          <Button
            type="primary"
            size="small"
            loading={actions.busyId === a.id}
            disabled={!!actions.busyId}
            onClick={() => actions.onApprove(a)}
            data-testid={`approve-${a.id}`}
          >
            {t('care.tiers.approvals.approve')}
          </Button>
          <Button danger size="small" onClick={() => actions.onReject(a)} data-testid={`reject-${a.id}`}>
            {t('app.reject')}
          </Button>
        </Flex>
      ),
    },
  ];
}
