import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { PointTeamMember } from '@linli/contracts/modules/points';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { useSession } from '../../auth';
import { TeamSelect } from '../../volunteers';
import { downloadPointsTeam, usePointTeam } from '../api';
import { usePointsWords } from '../words';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 队伍积分: a volunteer team's members with their balance and what they earned and spent in a period; .xlsx export. */
export function TeamTab() {
  const w = usePointsWords();
  const session = useSession();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const period = Object.fromEntries(
    Object.entries({ from: day(range?.[0]), to: day(range?.[1]) }).filter(([, v]) => v),
  ) as Record<string, string>;
  const statement = usePointTeam(teamId, period);
  const s = statement.data;
  const nameOf = (code: string) => session.areas.find((a) => a.code === code)?.name ?? code;
  const columns: DataColumn<PointTeamMember>[] = [
    { key: 'owner', title: w.owner, card: 'title', render: (m) => m.ownerLabel },
    { key: 'area', title: w.area, render: (m) => nameOf(m.areaCode) },
    {
      key: 'balance',
      title: w.balance,
      align: 'right',
      card: 'extra',
      render: (m) => <span data-testid={`points-team-balance-${m.volunteerId}`}>{m.balance}</span>,
    },
    { key: 'earned', title: w.periodEarned, align: 'right', render: (m) => m.earned },
    { key: 'spent', title: w.periodSpent, align: 'right', render: (m) => m.spent },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <TeamSelect label={w.team} value={teamId} onChange={setTeamId} testId="points-team-filter" />
        <DatePicker.RangePicker
          aria-label={w.period}
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
        />
        <Button
          disabled={!teamId}
          onClick={() => teamId && void downloadPointsTeam(teamId, period)}
          data-testid="points-team-export"
        >
          {w.export}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{w.teamHint}</Typography.Text>
      {!teamId ? (
        <Alert type="info" showIcon message={w.chooseTeam} />
      ) : (
        <>
          {s ? (
            <Flex wrap gap={32} data-testid="points-team-totals">
              <Statistic title={w.members} value={s.members.length} />
              <Statistic title={`${w.teamTotal} · ${w.balance}`} value={s.totals.balance} />
              <Statistic title={`${w.teamTotal} · ${w.periodEarned}`} value={s.totals.earned} />
              <Statistic title={`${w.teamTotal} · ${w.periodSpent}`} value={s.totals.spent} />
            </Flex>
          ) : null}
          <DataTable<PointTeamMember>
            testId="points-team-members"
            rowKey={(m) => m.volunteerId}
            columns={columns}
            items={s?.members}
            query={statement}
            empty={w.none}
          />
        </>
      )}
    </Flex>
  );
}
