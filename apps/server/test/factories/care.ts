import ExcelJS from 'exceljs';
import { AssessmentResult, ClientDetail, idCheckCharacter, Worklist } from '@linli/contracts';
import { parseAs, type TestClient } from '../harness';

let sequence = 0;

/** A valid ID number for a birth date (region 510107, sequence and sex digit varying per call). */
export function makeIdNumber(birthDate: string, sex: 'male' | 'female' = 'male'): string {
  sequence = (sequence + 1) % 400;
  const seq = String(sequence * 2 + (sex === 'male' ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const first17 = `510107${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + idCheckCharacter(first17);
}

/** A client of the community (an elderly person living alone, born 1945 unless `overrides` say otherwise). */
export async function createClient(
  client: TestClient,
  communityCode: string,
  overrides: Record<string, unknown> = {},
): Promise<ClientDetail> {
  sequence += 1;
  const res = await client.post('/api/care/clients', {
    name: `测试对象${sequence}`,
    idNumber: makeIdNumber('1945-03-02'),
    communityCode,
    categories: ['elderly_alone'],
    confirmDuplicates: true,
    ...overrides,
  });
  return parseAs(ClientDetail, res, 'createClient');
}

/**
 * Assess with one domain at 3 (→ red), two at 2 (→ yellow) or one at 1 (→ blue); returns the assessment result.
 * Yellow and blue carry a reason unless `reason` is given (a downgrade needs one; a first tier accepts it).
 */
export async function assess(
  client: TestClient,
  clientId: string,
  tier: 'red' | 'yellow' | 'blue',
  reason: string | undefined = tier === 'red' ? undefined : '复评后需求下降',
) {
  const scores =
    tier === 'red'
      ? { health: { score: 3 } }
      : tier === 'yellow'
        ? { health: { score: 2 }, income: { score: 2 } }
        : { health: { score: 1 } };
  return client.postAs(AssessmentResult, `/api/care/clients/${clientId}/assessments`, {
    scores,
    tier,
    ...(reason ? { overrideReason: reason } : {}),
  });
}

/**
 * Objects of every care id kind in one community, several per kind in the states the routes need, each on its
 * own client so that using one does not disturb the others. `worker` is a caseworker there; `approver`, when
 * given, is a supervisor who can move cases past approval.
 */
export async function careFixtures(worker: TestClient, communityCode: string, approver?: TestClient) {
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
    const r = await res;
    if (r.statusCode !== 200) throw new Error(`careFixtures: ${r.body}`);
    return r.json() as { id: string; version: number };
  };
  const plain = await createClient(worker, communityCode);
  const withVisit = await createClient(worker, communityCode);
  await assess(worker, withVisit.id, 'red');
  const worklist = await worker.getAs(Worklist, '/api/care/worklist');
  const visit = [...worklist.overdue, ...worklist.dueToday, ...worklist.thisWeek].find(
    (v) => v.clientId === withVisit.id,
  );
  if (!visit) throw new Error('careFixtures: the red client has no planned visit this week');
  const pending = await createClient(worker, communityCode);
  await assess(worker, pending.id, 'red');
  await assess(worker, pending.id, 'blue');
  const timeline = (await worker.get(`/api/care/clients/${pending.id}`)).json().timeline as {
    kind: string;
    data: { status?: string };
    refId: string;
  }[];
  const change = timeline.find((e) => e.kind === 'tier_change' && e.data.status === 'pending_approval');
  if (!change) throw new Error('careFixtures: no pending tier change');

  const plan = { goals: [{ domain: 'health', goal: '按时服药' }], tasks: [{ goalIndex: 0, title: '每周提醒服药' }] };
  const openCase = async () =>
    ok(worker.post(`/api/care/clients/${(await createClient(worker, communityCode)).id}/cases`, plan));
  const casePending = await openCase();
  const fixtures: Record<string, string> = {
    client: plain.id,
    visit: visit.id,
    tier_change: change.refId,
    case: casePending.id,
    case_pending: casePending.id,
  };
  if (approver) {
    const activate = async () => {
      const c = await openCase();
      return ok(approver.post(`/api/care/cases/${c.id}/plan-decision`, { approve: true }));
    };
    fixtures.case_active = (await activate()).id;
    fixtures.case_active2 = (await activate()).id;
    const closing = await activate();
    await ok(worker.post(`/api/care/cases/${closing.id}/close`, { reason: '目标达成' }));
    fixtures.case_closure = closing.id;
    const closed = await activate();
    await ok(worker.post(`/api/care/cases/${closed.id}/close`, { reason: '目标达成' }));
    await ok(approver.post(`/api/care/cases/${closed.id}/closure-decision`, { approve: true }));
    fixtures.case_closed = closed.id;
  }
  const referred = await createClient(worker, communityCode);
  const consent = await ok(
    worker.post(`/api/care/clients/${referred.id}/consents`, {
      purpose: 'referral',
      basis: 'consent',
      grantedBy: 'self',
      noticeVersion: 'v1',
    }),
  );
  fixtures.consent = (
    await ok(
      worker.post(`/api/care/clients/${referred.id}/consents`, {
        purpose: 'disclosure',
        basis: 'consent',
        grantedBy: 'self',
        noticeVersion: 'v1',
      }),
    )
  ).id;
  void consent;
  const refer = () =>
    ok(
      worker.post(`/api/care/clients/${referred.id}/referrals`, {
        providerName: '心连心社工服务中心',
        providerType: 'social_org',
        service: '心理疏导',
      }),
    );
  fixtures.referral = (await refer()).id;
  fixtures.referral_sent2 = (await refer()).id;
  const accepted = await refer();
  await ok(worker.post(`/api/care/referrals/${accepted.id}/respond`, { version: 1, accepted: true }));
  fixtures.referral_accepted = accepted.id;
  const requestExport = () =>
    ok(worker.post('/api/care/exports', { filter: { communityCode }, reason: '年度低保复核需要完整名单' }));
  fixtures.merge_source = (await createClient(worker, communityCode)).id;
  fixtures.merge_target = (await createClient(worker, communityCode)).id;
  const mergedAway = await createClient(worker, communityCode);
  fixtures.client_merge = (
    await ok(
      worker.post(`/api/care/clients/${mergedAway.id}/merge`, { intoId: fixtures.merge_target, reason: '重复录入' }),
    )
  ).id;
  fixtures.household = (
    await ok(worker.post('/api/care/households', { communityCode, address: '测试街 1 号 1 单元 101' }))
  ).id;
  fixtures.export = (await requestExport()).id;
  fixtures.export_pending = fixtures.export;
  if (approver) {
    const approved = await requestExport();
    await ok(approver.post(`/api/care/exports/${approved.id}/decision`, { approve: true }));
    fixtures.export_approved = approved.id;
  }
  return fixtures;
}

/** An .xlsx file from rows of cell values (the first row need not be the headings). */
export async function ledgerFile(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
