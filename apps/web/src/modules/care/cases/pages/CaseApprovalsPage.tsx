import { useState } from 'react';
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { DataTable, type DataColumn } from '../../../../components/DataTable';
import { PageHeader } from '../../../../components/PageHeader';
import { useI18n } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { ApprovalTabs, useApprovalView, useDecisionColumns } from '../../shared/Approvals';
import type { CaseApproval } from '../../shared/types';
import { useCareAreas } from '../../shared/useCareAreas';
import { useCaseApprovals } from '../api';
import { CaseStepModal } from '../components/CaseStepModal';

/** The supervisor's queue of case plans and closures: 待审批 with a decide button, 已处理 with the decisions. */
export default function CaseApprovalsPage() {
  const { t } = useI18n();
  const areas = useCareAreas();
  const { list, view, setView } = useApprovalView();
  const approvals = useCaseApprovals(view);
  const [deciding, setDeciding] = useState<CaseApproval | null>(null);
  const decisionColumns = useDecisionColumns<CaseApproval>((a) => ({
    id: a.id,
    decision: a.status === 'pending' ? null : a.status,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
  }));

  const columns: DataColumn<CaseApproval>[] = [
    {
      key: 'client',
      title: t('care.case.client'),
      width: 120,
      card: 'title',
      render: (a) => <Link to={`/care/cases/${a.caseId}`}>{a.clientName}</Link>,
    },
    { key: 'community', title: t('care.case.community'), width: 130, render: (a) => areas.nameOf(a.communityCode) },
    {
      key: 'kind',
      title: t('care.case.approvals.kind'),
      width: 100,
      render: (a) => t(`care.case.approvals.kind.${a.kind}`),
    },
    {
      key: 'detail',
      title: t('care.case.approvals.detail'),
      width: 200,
      render: (a) => (a.kind === 'plan' ? t('care.case.approvals.goals', { n: a.goalCount }) : (a.reason ?? '—')),
    },
    { key: 'by', title: t('care.tiers.approvals.requestedBy'), width: 110, render: (a) => a.requestedBy ?? '—' },
    {
      key: 'at',
      title: t('care.tiers.approvals.requestedAt'),
      width: 170,
      render: (a) => formatDateTime(a.requestedAt),
    },
    ...(view === 'decided'
      ? decisionColumns
      : [
          {
            key: 'actions',
            title: t('app.actions'),
            width: 100,
            card: 'actions' as const,
            render: (a: CaseApproval) => (
              <Button
                type="primary"
                size="small"
                onClick={() => setDeciding(a)}
                data-testid={`case-decide-${a.caseId}`}
              >
                {t('care.case.approvals.decide')}
              </Button>
            ),
          },
        ]),
  ];

  const summary = (a: CaseApproval) =>
    a.kind === 'plan'
      ? {
          approve: t('care.case.approvals.planApprove', { name: a.clientName, n: a.goalCount }),
          reject: t('care.case.approvals.planReject', { name: a.clientName }),
        }
      : {
          approve: t('care.case.approvals.closureApprove', { name: a.clientName, reason: a.reason ?? '—' }),
          reject: t('care.case.approvals.closureReject', { name: a.clientName }),
        };

  return (
    <>
      <PageHeader title={t('care.case.approvals.title')} />
      <ApprovalTabs view={view} onChange={setView} />
      <DataTable<CaseApproval>
        testId="case-approvals-table"
        rowKey={(a) => a.id}
        columns={columns}
        items={approvals.data?.items}
        query={approvals}
        empty={t(view === 'pending' ? 'care.case.approvals.none' : 'care.case.approvals.noneDecided')}
        scrollX={view === 'pending' ? 940 : 1400}
        paging={{ page: list.page, pageSize: list.pageSize, onChange: list.setPage }}
      />
      {deciding ? (
        <CaseStepModal
          caseId={deciding.caseId}
          step={deciding.kind === 'plan' ? 'plan-decision' : 'closure-decision'}
          summary={summary(deciding)}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </>
  );
}
