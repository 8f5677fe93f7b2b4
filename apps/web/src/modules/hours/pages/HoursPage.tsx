import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, DatePicker, Flex, Select, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { HourClaim, HourEntry } from '@linli/contracts/modules/hours';
import { Can, usePermission } from '../../../components/Can';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { useSession } from '../../auth';
import { TeamSelect } from '../../volunteers';
import {
  downloadNationalCsv,
  downloadStatement,
  useDecideClaim,
  useHourClaims,
  useHourEntries,
  useReverseEntry,
} from '../api';
import { TextDialog } from '../components/TextDialog';
import { HoursSettings } from '../components/HoursSettings';
import { CertificatesTab } from '../components/CertificatesTab';
import { IdExportDialog } from '../components/IdExportDialog';
import { IdExportsTab } from '../components/IdExportsTab';
import { hoursOf, useHoursWords } from '../words';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function Ledger() {
  const w = useHoursWords();
  const session = useSession();
  const [page, setPage] = useState(1);
  const [areaCode, setAreaCode] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [by, setBy] = useState('volunteer');
  const [reversing, setReversing] = useState<HourEntry | null>(null);
  const [askingIds, setAskingIds] = useState(false);
  const filter = { areaCode, teamId, from: day(range?.[0]), to: day(range?.[1]), page, pageSize: 20 };
  const teamQuery: Record<string, string> = teamId ? { teamId } : {};
  const entries = useHourEntries(filter);
  const reverse = useReverseEntry({ success: 'app.done' });
  const exportQuery = Object.fromEntries(
    Object.entries({ areaCode, from: filter.from, to: filter.to }).filter(([, v]) => v),
  ) as Record<string, string>;
  const columns: DataColumn<HourEntry>[] = [
    { key: 'date', title: w.serviceDate, render: (e) => e.serviceDate },
    { key: 'volunteer', title: w.volunteer, card: 'title', render: (e) => e.volunteerName },
    {
      key: 'hours',
      title: w.hours,
      align: 'right',
      card: 'extra',
      render: (e) => (
        <Typography.Text type={e.minutes < 0 ? 'danger' : undefined}>{hoursOf(e.minutes)}</Typography.Text>
      ),
    },
    { key: 'content', title: w.content, render: (e) => e.content },
    { key: 'type', title: w.activityType, render: (e) => w.activityTypes[e.activityType] ?? e.activityType },
    {
      key: 'source',
      title: w.source,
      render: (e) => (
        <>
          {w.sources[e.source]}
          {e.reversed ? (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {w.reversed}
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'reason', title: w.reason, render: (e) => e.reason ?? '' },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (e) =>
        e.allowedActions.includes('reverse') ? (
          <Button size="small" danger onClick={() => setReversing(e)} data-testid={`hours-reverse-${e.id}`}>
            {w.reverse}
          </Button>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Select
          allowClear
          aria-label={w.area}
          placeholder={w.area}
          value={areaCode}
          onChange={(v?: string) => {
            setAreaCode(v);
            setPage(1);
          }}
          style={{ minWidth: 200 }}
          data-testid="hours-area-filter"
          options={session.areas.map((a) => ({ value: a.code, label: a.name }))}
        />
        <TeamSelect
          label={w.team}
          value={teamId}
          onChange={(v) => {
            setTeamId(v);
            setPage(1);
          }}
          testId="hours-team-filter"
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
        <Can permission="hours.export">
          <Button
            onClick={() => void downloadNationalCsv({ ...exportQuery, ...teamQuery })}
            data-testid="hours-export-csv"
          >
            {w.exportCsv}
          </Button>
          <Select
            aria-label={w.exportXlsx}
            value={by}
            onChange={setBy}
            style={{ width: 130 }}
            options={Object.entries(w.by).map(([value, label]) => ({ value, label }))}
          />
          <Button
            onClick={() => void downloadStatement({ ...exportQuery, ...teamQuery, by })}
            data-testid="hours-export-xlsx"
          >
            {w.exportXlsx}
          </Button>
          <Button onClick={() => setAskingIds(true)} data-testid="hours-id-export">
            {w.idExport}
          </Button>
        </Can>
      </Flex>
      <Typography.Text data-testid="hours-total">
        {w.total}：{hoursOf(entries.data?.totalMinutes ?? 0)}
      </Typography.Text>
      <DataTable<HourEntry>
        testId="hours-entries"
        rowKey={(e) => e.id}
        columns={columns}
        items={entries.data?.items}
        query={entries}
        empty={w.none}
        paging={{ page, pageSize: 20, total: entries.data?.total, onChange: setPage }}
      />
      {askingIds ? <IdExportDialog query={exportQuery} onClose={() => setAskingIds(false)} /> : null}
      {reversing ? (
        <TextDialog
          title={w.reverseTitle}
          label={w.reason}
          minutesLabel={w.correctedMinutes}
          testId="hours-reverse"
          danger
          error={reverse.alertError}
          onSubmit={(v) =>
            reverse.mutateAsync({
              id: reversing.id,
              body: { reason: v.text, ...(v.minutes ? { correctedMinutes: v.minutes } : {}) },
            })
          }
          onClose={() => setReversing(null)}
        />
      ) : null}
    </Flex>
  );
}

function Claims() {
  const w = useHoursWords();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>('pending');
  const claims = useHourClaims({ status, page, pageSize: 20 });
  const decide = useDecideClaim({ success: 'app.done' });
  const [deciding, setDeciding] = useState<{ claim: HourClaim; approve: boolean } | null>(null);
  const columns: DataColumn<HourClaim>[] = [
    { key: 'volunteer', title: w.volunteer, card: 'title', render: (c) => c.volunteerName },
    { key: 'date', title: w.serviceDate, render: (c) => c.serviceDate },
    { key: 'hours', title: w.hours, align: 'right', render: (c) => hoursOf(c.minutes) },
    { key: 'content', title: w.content, render: (c) => c.content },
    { key: 'place', title: w.place, render: (c) => c.place },
    { key: 'organiser', title: w.organiser, render: (c) => c.organiserName },
    { key: 'status', title: w.status, card: 'extra', render: (c) => w.claimStatuses[c.status] },
    { key: 'note', title: w.note, render: (c) => c.decisionNote ?? '' },
    {
      key: 'actions',
      title: '',
      card: 'actions',
      render: (c) =>
        c.allowedActions.includes('approve') ? (
          <Flex gap={4}>
            <Button
              size="small"
              type="primary"
              onClick={() => setDeciding({ claim: c, approve: true })}
              data-testid={`hours-claim-approve-${c.id}`}
            >
              {w.approve}
            </Button>
            <Button
              size="small"
              danger
              onClick={() => setDeciding({ claim: c, approve: false })}
              data-testid={`hours-claim-decline-${c.id}`}
            >
              {w.decline}
            </Button>
          </Flex>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Select
        allowClear
        aria-label={w.status}
        value={status}
        onChange={(v?: string) => {
          setStatus(v);
          setPage(1);
        }}
        style={{ maxWidth: 200 }}
        data-testid="hours-claim-status"
        options={Object.entries(w.claimStatuses).map(([value, label]) => ({ value, label }))}
      />
      <DataTable<HourClaim>
        testId="hours-claims"
        rowKey={(c) => c.id}
        columns={columns}
        items={claims.data?.items}
        query={claims}
        empty={w.none}
        paging={{ page, pageSize: 20, total: claims.data?.total, onChange: setPage }}
      />
      {deciding ? (
        <TextDialog
          title={deciding.approve ? w.approve : w.decline}
          label={deciding.approve ? w.note : w.declineReason}
          testId="hours-claim-decision"
          danger={!deciding.approve}
          error={decide.alertError}
          onSubmit={(v) => decide.mutateAsync({ id: deciding.claim.id, approve: deciding.approve, note: v.text })}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </Flex>
  );
}

/** 服务时长 (staff): the ledger with corrections and exports, the claims queue, certificates, stars and issuer settings. */
export default function HoursPage() {
  const w = useHoursWords();
  const exporter = usePermission('hours.export');
  // The approval notice links to ?tab=exports.
  const [params, setParams] = useSearchParams();
  const tabs = ['ledger', 'claims', 'certificates', 'settings', ...(exporter ? ['exports'] : [])];
  const tab = tabs.find((k) => k === params.get('tab')) ?? 'ledger';
  return (
    <>
      <PageHeader title={w.title} />
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={(key) => setParams(key === 'ledger' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'ledger', label: w.tabLedger, children: <Ledger /> },
          { key: 'claims', label: <span data-testid="hours-tab-claims">{w.tabClaims}</span>, children: <Claims /> },
          {
            key: 'certificates',
            label: <span data-testid="hours-tab-certificates">{w.tabCertificates}</span>,
            children: <CertificatesTab />,
          },
          {
            key: 'settings',
            label: <span data-testid="hours-tab-settings">{w.tabSettings}</span>,
            children: <HoursSettings />,
          },
          ...(exporter
            ? [
                {
                  key: 'exports',
                  label: <span data-testid="hours-tab-exports">{w.tabExports}</span>,
                  children: <IdExportsTab />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
