import { Tabs, Tag } from 'antd';
import { ApprovalView } from '@linli/contracts';
import type { DataColumn } from '../../../components/DataTable';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useListState } from '../../../lib/use-list-state';

export type ApprovalViewName = 'pending' | 'decided';

const VIEW_LIST = { url: { view: ApprovalView } };

/** The queue's tab (待审批 / 已处理) and page, kept in the URL so Back returns to the same tab. */
export function useApprovalView() {
  const list = useListState(VIEW_LIST);
  const view: ApprovalViewName = list.filters.view ?? 'pending';
  return { list, view, setView: (v: ApprovalViewName) => list.setFilters({ view: v }) };
}

/** 待审批 / 已处理 tabs above an approval queue. */
export function ApprovalTabs({ view, onChange }: { view: ApprovalViewName; onChange: (v: ApprovalViewName) => void }) {
  const { t } = useI18n();
  return (
    <Tabs
      activeKey={view}
      onChange={(key) => onChange(key as ApprovalViewName)}
      items={(['pending', 'decided'] as const).map((key) => ({
        key,
        label: <span data-testid={`approvals-tab-${key}`}>{t(`care.approvals.tab.${key}`)}</span>,
      }))}
    />
  );
}

interface Decided {
  id: string;
  decision: 'approved' | 'rejected' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** The 已处理 tab's columns: the decision, who made it, when, and the note. */
export function useDecisionColumns<T>(of: (row: T) => Decided): DataColumn<T>[] {
  const { t } = useI18n();
  return [
    {
      key: 'decision',
      title: t('care.approvals.decision'),
      width: 100,
      card: 'extra',
      render: (row) => {
        const d = of(row);
        return d.decision ? (
          <Tag color={d.decision === 'approved' ? 'green' : 'red'} data-testid={`decision-${d.id}`}>
            {t(`care.approvals.${d.decision}`)}
          </Tag>
        ) : (
          '—'
        );
      },
    },
    { key: 'decidedBy', title: t('care.approvals.decidedBy'), width: 110, render: (row) => of(row).decidedBy ?? '—' },
    {
      key: 'decidedAt',
      title: t('care.approvals.decidedAt'),
      width: 170,
      render: (row) => formatDateTime(of(row).decidedAt),
    },
    {
      key: 'decisionNote',
      title: t('care.approvals.decisionNote'),
      width: 180,
      render: (row) => of(row).decisionNote ?? '—',
    },
  ];
}
