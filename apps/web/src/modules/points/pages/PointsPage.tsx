import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, InputNumber, Select, Statistic, Tabs } from 'antd';
import { PointAdjustInput, type PointAccount } from '@linli/contracts/modules/points';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormModal } from '../../../components/FormModal';
import { PageHeader } from '../../../components/PageHeader';
import { useSchemaForm } from '../../../lib/schema-form';
import { useListState } from '../../../lib/use-list-state';
import { hasPermission, useSession } from '../../auth';
import { downloadPointsLedger, useAdjustPoints, useCommunityPoints, usePointAccounts, usePointStatement } from '../api';
import { PointTotalsView, useLineColumns } from '../components';
import { RulesTab } from './RulesTab';
import { TeamTab } from './TeamTab';
import { usePointsWords } from '../words';

function StatementDrawer({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const w = usePointsWords();
  const [page, setPage] = useState(1);
  const statement = usePointStatement(accountId, page);
  const columns = useLineColumns();
  const s = statement.data;
  return (
    <Drawer open onClose={onClose} title={w.statement} width={720} data-testid="points-statement">
      {s ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={w.owner}>{s.account.ownerLabel}</Descriptions.Item>
            <Descriptions.Item label={w.kind}>{w.kinds[s.account.kind]}</Descriptions.Item>
            <Descriptions.Item label={w.balance}>
              <span data-testid="points-statement-balance">{s.account.balance}</span>
            </Descriptions.Item>
          </Descriptions>
          <PointTotalsView totals={s.totals} testId="points-statement-totals" />
          <DataTable
            testId="points-statement-lines"
            rowKey={(l) => l.id}
            columns={columns}
            items={s.lines.items}
            query={statement}
            empty={w.none}
            paging={{ page, pageSize: 20, total: s.lines.total, onChange: setPage }}
          />
        </Flex>
      ) : (
        <ErrorAlert error={statement.error} />
      )}
    </Drawer>
  );
}

function AdjustModal({ account, onClose }: { account: PointAccount; onClose: () => void }) {
  const w = usePointsWords();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const adjust = useAdjustPoints({ form });
  const { rules } = useSchemaForm();
  return (
    <FormModal
      title={`${w.adjust}：${account.ownerLabel}`}
      form={form}
      onClose={onClose}
      error={adjust.alertError}
      okTestId="points-adjust-ok"
      onSubmit={(v) =>
        adjust.mutateAsync({ volunteerId: account.ownerId, points: v.points, reason: v.reason }).then((r) => {
          void message.success(`${w.balance}: ${r.balance}`);
          onClose();
        })
      }
    >
      <Form.Item name="points" label={w.adjustPoints} rules={[{ required: true }]}>
        <InputNumber precision={0} style={{ width: '100%' }} data-testid="points-adjust-points" />
      </Form.Item>
      <Form.Item name="reason" label={w.reason} rules={rules(PointAdjustInput.shape.reason, { required: true })}>
        <Input.TextArea rows={2} maxLength={200} data-testid="points-adjust-reason" />
      </Form.Item>
    </FormModal>
  );
}

function AccountsTab({ areaCode }: { areaCode: string | undefined }) {
  const w = usePointsWords();
  const list = useListState({ url: {} });
  const [kind, setKind] = useState<string | undefined>(undefined);
  const accounts = usePointAccounts({ areaCode, kind, page: list.page });
  const [viewing, setViewing] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState<PointAccount | null>(null);
  const session = useSession();
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;
  const columns: DataColumn<PointAccount>[] = [
    { key: 'owner', title: w.owner, card: 'title', render: (a) => a.ownerLabel },
    { key: 'kind', title: w.kind, render: (a) => w.kinds[a.kind] },
    { key: 'area', title: w.area, render: (a) => nameOf(a.areaCode) },
    {
      key: 'balance',
      title: w.balance,
      align: 'right',
      card: 'extra',
      render: (a) => <span data-testid={`points-balance-${a.id}`}>{a.balance}</span>,
    },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (a) => (
        <Flex gap={8}>
          <Button size="small" onClick={() => setViewing(a.id)} data-testid={`points-view-${a.id}`}>
            {w.view}
          </Button>
          {a.allowedActions.includes('adjust') ? (
            <Button size="small" onClick={() => setAdjusting(a)} data-testid={`points-adjust-${a.id}`}>
              {w.adjust}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Select
          allowClear
          aria-label={w.kind}
          placeholder={w.allKinds}
          style={{ minWidth: 160 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            list.setPage(1);
          }}
          options={Object.entries(w.kinds).map(([value, label]) => ({ value, label }))}
          data-testid="points-kind-filter"
        />
        <Button onClick={() => void downloadPointsLedger(areaCode)} data-testid="points-export">
          {w.export}
        </Button>
      </Flex>
      <DataTable<PointAccount>
        testId="points-accounts"
        rowKey={(a) => a.id}
        columns={columns}
        items={accounts.data?.items}
        query={accounts}
        empty={w.none}
        paging={{ page: list.page, pageSize: 20, total: accounts.data?.total, onChange: list.setPage }}
      />
      {viewing ? <StatementDrawer accountId={viewing} onClose={() => setViewing(null)} /> : null}
      {adjusting ? <AdjustModal account={adjusting} onClose={() => setAdjusting(null)} /> : null}
    </Flex>
  );
}

function CommunityTab({ areaCode }: { areaCode: string | undefined }) {
  const w = usePointsWords();
  const summary = useCommunityPoints(areaCode);
  const s = summary.data;
  if (!s) return <ErrorAlert error={summary.error} />;
  return (
    <Flex wrap gap={32} data-testid="points-community">
      <Statistic title={w.issued} value={s.issued} />
      <Statistic title={w.volunteerAccounts} value={s.volunteerAccounts} />
      <Statistic title={w.volunteerBalance} value={s.volunteerBalance} />
      <Statistic title={w.supermarketBalance} value={s.supermarketBalance} />
      {Object.entries(s.byKind).map(([k, n]) => (
        <Statistic key={k} title={w.transferKinds[k] ?? k} value={n} />
      ))}
      <Statistic title={w.shortfall} value={s.shortfall} />
    </Flex>
  );
}

/** 爱心积分: accounts with statements and adjustments, the community's figures, the district's earning rules. */
export default function PointsPage() {
  const w = usePointsWords();
  const session = useSession();
  const [areaCode, setAreaCode] = useState<string | undefined>(session.areas[0]?.code);
  return (
    <>
      <PageHeader title={w.title} />
      <Flex vertical gap={16}>
        <Select
          aria-label={w.area}
          style={{ maxWidth: 320 }}
          value={areaCode}
          onChange={setAreaCode}
          options={session.areas.map((a) => ({ value: a.code, label: a.name }))}
          data-testid="points-area"
        />
        <Tabs
          items={[
            { key: 'accounts', label: w.accounts, children: <AccountsTab areaCode={areaCode} /> },
            { key: 'community', label: w.community, children: <CommunityTab areaCode={areaCode} /> },
            {
              key: 'team',
              label: <span data-testid="points-tab-team">{w.teamTab}</span>,
              children: <TeamTab />,
            },
            {
              key: 'rules',
              label: w.rules,
              children: hasPermission(session, 'points.read') ? <RulesTab areaCode={areaCode} /> : null,
            },
          ]}
        />
      </Flex>
    </>
  );
}
