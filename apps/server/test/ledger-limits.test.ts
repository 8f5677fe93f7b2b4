import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { XLSX_MIME } from '@linli/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrg, createUser, type TestOrg } from './factories/org';
import { bigLedgerFile, inlineRow, xlsxFile } from './factories/xlsx';
import { createTestApp, TestClient, useTestApp, type TestApp } from './harness';

// Security finding F2: the ledger import must not let one upload (or a few at once) take the server down.

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
// Each test: a district of its own; workers of its community C (三号社区) upload into it.
let org: TestOrg;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
});

async function worker(app: TestApp = t, areas = [org.communityC]): Promise<TestClient> {
  const user = await createUser(app.app.ctx, { roles: ['community_worker'], areas });
  const client = new TestClient(app.app);
  await client.login(user.username, user.password);
  return client;
}

async function clientCount(community: string): Promise<number> {
  const result = await t.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM clients WHERE area_code = ${community}`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

/** An upload whose body arrives only when `finish` is called; `reading` resolves once the server starts reading it. */
function heldUpload(client: TestClient | null) {
  const body = new PassThrough();
  let started!: () => void;
  const reading = new Promise<void>((resolve) => {
    started = resolve;
  });
  const read = body.read.bind(body);
  body.read = (size?: number) => {
    started();
    return read(size);
  };
  const response = t.app.inject({
    method: 'POST',
    url: '/api/care/ledger/import',
    payload: body,
    headers: {
      'content-type': XLSX_MIME,
      ...(client?.cookie ? { cookie: client.cookie, 'x-csrf-token': client.csrf! } : {}),
    },
  });
  return { response, reading, finish: () => body.end(Buffer.from('not a workbook')) };
}

describe('ledger import limits', () => {
  it('refuses a file above the row cap (100,000 data rows) with care.ledger_too_large, writing nothing', async () => {
    const client = await worker();
    const res = await client.upload('/api/care/ledger/import', bigLedgerFile(100_001, '三号社区'), XLSX_MIME);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('care.ledger_too_large');
    expect(res.json().message).toContain('100,000');
    expect(res.json().fields[0].message).toContain('100000');
    expect(await clientCount(org.communityC)).toBe(0);
  });

  it('refuses a body over 20 MB with care.ledger_too_large naming the limit', async () => {
    const client = await worker();
    const res = await client.upload('/api/care/ledger/import', Buffer.alloc(20 * 1024 * 1024 + 1, 1), XLSX_MIME);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'care.ledger_too_large',
      fields: [{ path: 'file', message: expect.stringContaining('20 MB') }],
    });
    // The place it took in the gate is free again.
    expect((await client.upload('/api/care/ledger/import', Buffer.from('junk'), XLSX_MIME)).json().code).toBe(
      'care.ledger_unreadable',
    );
  });

  it('refuses a zip whose sheet declares a huge uncompressed size (zip bomb) without inflating it', async () => {
    const client = await worker();
    const sheetData = inlineRow(1, ['姓名', '性别', '所属社区']) + inlineRow(2, ['王秀英', '女', '三号社区']);
    const started = performance.now();
    const res = await client.upload(
      '/api/care/ledger/import',
      xlsxFile({ sheetData, declaredSheetSize: 0xffff_fff0 }),
      XLSX_MIME,
    );
    expect([res.statusCode, res.json().code]).toEqual([413, 'care.ledger_too_large']);
    expect(performance.now() - started).toBeLessThan(2000);
    const lying = await client.upload(
      '/api/care/ledger/import',
      xlsxFile({ sheetData: sheetData.repeat(200), declaredSheetSize: 300 }),
      XLSX_MIME,
    );
    expect([lying.statusCode, lying.json().code]).toEqual([413, 'care.ledger_too_large']);
  });

  it('refuses a second import by the same user while the first runs (429), and one beyond the server cap; places free up after', async () => {
    const [a, b, c] = [await worker(), await worker(), await worker()];
    const first = heldUpload(a);
    await first.reading; // admitted, its body being read
    const second = await a.upload('/api/care/ledger/import?dryRun=true', Buffer.from('x'), XLSX_MIME);
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('care.import_busy');
    expect(second.headers['retry-after']).toBeDefined();
    const other = heldUpload(b);
    await other.reading;
    const third = await c.upload('/api/care/ledger/import?dryRun=true', Buffer.from('x'), XLSX_MIME);
    expect([third.statusCode, third.json().code]).toEqual([429, 'care.import_busy']);
    first.finish();
    other.finish();
    expect((await first.response).json().code).toBe('care.ledger_unreadable');
    expect((await other.response).json().code).toBe('care.ledger_unreadable');
    expect((await a.upload('/api/care/ledger/import', Buffer.from('x'), XLSX_MIME)).json().code).toBe(
      'care.ledger_unreadable',
    );
    expect((await c.upload('/api/care/ledger/import', Buffer.from('x'), XLSX_MIME)).json().code).toBe(
      'care.ledger_unreadable',
    );
  });

  it('answers an anonymous upload with 401 without reading its body', async () => {
    const anonymous = heldUpload(null);
    let read = false;
    void anonymous.reading.then(() => {
      read = true;
    });
    const res = await anonymous.response;
    expect(res.statusCode).toBe(401);
    expect(read).toBe(false);
    anonymous.finish();
  });

  it('keeps GET /api/health answering within 1 s, and the heap bounded, while a 300,000-row file is parsed', async () => {
    const client = await worker();
    const file = bigLedgerFile(300_000, '三号社区');
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }, 10);
    let done = false;
    const importing = client.upload('/api/care/ledger/import?dryRun=true', file, XLSX_MIME).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      if (!done) latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    clearInterval(sampler);
    expect((await importing).json().code).toBe('care.ledger_too_large'); // stopped at row 100,001
    // How many health checks fit in the parse depends on the machine's speed: a bound, not a count.
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    // The in-memory ExcelJS reader took about 1 GB for a file this size; the streaming reader keeps 100,000 short rows.
    expect(peak).toBeLessThan(300 * 1024 * 1024);
  });
});

describe('ledger import time budget', () => {
  let slow: TestApp;
  beforeAll(async () => {
    slow = await createTestApp({ ledgerParseTimeoutMs: 50 });
  });
  afterAll(() => slow.close());

  it('aborts a parse over its time budget with care.ledger_timeout', async () => {
    const slowOrg = await buildOrg(slow.app.ctx);
    const client = await worker(slow, [slowOrg.communityC]);
    const res = await client.upload('/api/care/ledger/import', bigLedgerFile(300_000, '三号社区'), XLSX_MIME);
    expect([res.statusCode, res.json().code]).toEqual([422, 'care.ledger_timeout']);
  });
});
