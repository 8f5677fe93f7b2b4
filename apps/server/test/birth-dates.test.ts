import { ClientList, LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { describe, expect, it } from 'vitest';
import { buildOrg } from './factories/org';
import { ledgerFile, makeIdNumber } from './factories/care';
import { expectError, signedIn, useTestApp } from './harness';

// Issue 9 item 3: an ID number born in 2030 used to fill 出生日期 2030-05-05, save, and show age −4; the ledger
// import counted such a row as valid. Birth dates after today (China) or before 1900 are refused everywhere.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function worker() {
  const org = await buildOrg(t.app.ctx);
  const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
  return { org, client };
}

const future = makeIdNumber('2030-05-05', 'female');
const ancient = makeIdNumber('1899-12-31', 'male');

describe('birth dates', () => {
  it('refuses an ID number born in the future or before 1900, and a birth date after today, naming the field', async () => {
    const { org, client } = await worker();
    const base = { name: '张未来', communityCode: org.communityA, categories: ['other'] };
    for (const idNumber of [future, ancient]) {
      const res = await client.post('/api/care/clients', { ...base, idNumber });
      const error = expectError(res, 400);
      expect(error.fields).toEqual([
        expect.objectContaining({ path: 'idNumber', code: 'care.id_birth_date_out_of_range' }),
      ]);
    }
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    for (const [birthDate, code] of [
      ['2030-05-05', 'care.birth_date_in_future'],
      [tomorrow, 'care.birth_date_in_future'],
      ['1899-12-31', 'care.birth_date_before_1900'],
    ] as const) {
      const res = await client.post('/api/care/clients', { ...base, birthDate });
      expect(expectError(res, 400).fields).toEqual([expect.objectContaining({ path: 'birthDate', code })]);
    }
    // The duplicate check takes the same fields and says the same.
    const check = await client.post('/api/care/clients/duplicates', { ...base, idNumber: future });
    expect(expectError(check, 400).fields![0]).toMatchObject({ path: 'idNumber' });
    expect((await client.getAs(ClientList, '/api/care/clients')).total).toBe(0);
    // A birth date of today and one in 1900 are fine.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await client.post('/api/care/clients', { ...base, name: '张今天', birthDate: today })).statusCode).toBe(
      200,
    );
    expect(
      (await client.post('/api/care/clients', { ...base, name: '张百岁', birthDate: '1900-01-01' })).statusCode,
    ).toBe(200);
  });

  it('counts a ledger row born in the future as rejected, with the column and reason', async () => {
    const { client } = await worker();
    const file = await ledgerFile([
      ['姓名', '性别', '身份证号', '出生日期', '所属社区', '服务对象类别', '照护等级'],
      ['王未来', '女', future, '', '一号社区', '低保', '红'],
      ['李明年', '男', '', '2030-05-05', '一号社区', '低保', '红'],
      ['赵正常', '男', makeIdNumber('1950-01-01'), '', '一号社区', '低保', '红'],
    ]);
    const report = await client.uploadAs(LedgerImportReport, '/api/care/ledger/import?dryRun=true', file, XLSX_MIME);
    expect(report).toMatchObject({ total: 3, valid: 1, written: false });
    expect(report.rejected.map((r) => r.row)).toEqual([2, 3]);
    const words = report.rejected.map((r) => r.reasons.map((x) => `${x.column ?? ''}:${x.message}`).join('|'));
    expect(words[0]).toContain('身份证号');
    expect(words[0]).toContain('晚于今天');
    expect(words[1]).toContain('出生日期');
    expect(words[1]).toContain('不能晚于今天');
  });
});
