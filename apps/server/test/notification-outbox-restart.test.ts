import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server as HttpServer, createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertDeliveries, deliveryState } from '../src/modules/notifications/outbox.repository';
import { FieldCipher } from '../src/platform/crypto';
import { loadOrCreateKeys } from '../src/platform/keys';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './database';
import { freePort, killAll, type ServerProcess, startServerProcess, until } from './factories/processes';

/**
 * Issue 10: "an outbox row survives a server kill and is delivered once after restart". The real server (main.ts)
 * on PostgreSQL tries a text while the SMS gateway is down, is killed with SIGKILL, the gateway comes up, a second
 * server starts on the same database: the gateway receives the message exactly once. PostgreSQL only: an embedded
 * PGlite directory is held by one process, and a SIGKILL there is a test of PGlite's recovery, not of the outbox.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'linli-outbox-'));
const procs: ServerProcess[] = [];
let gateway: HttpServer | null = null;
let testDb: TestDatabase | null = null;
afterAll(async () => {
  // End exactly the processes this file started, if a failure left them running.
  killAll(procs);
  await new Promise((resolve) => (gateway ? gateway.close(resolve) : resolve(null)));
  await testDb?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

async function startServer(url: string, gatewayPort: number, tag: string): Promise<ServerProcess> {
  const server = await startServerProcess(url, {
    LINLI_KEY_FILE: path.join(scratch, 'keys.json'),
    LINLI_AUDIT_ANCHOR_FILE: path.join(scratch, `anchors-${tag}.jsonl`),
    LINLI_DATA_DIR: path.join(scratch, `data-${tag}`),
    LINLI_SMS_ENDPOINT: `http://127.0.0.1:${gatewayPort}/`,
    LINLI_SMS_ACCESS_KEY_ID: 'LTAI-restart',
    LINLI_SMS_ACCESS_KEY_SECRET: 'restart-secret',
    LINLI_SMS_SIGN_NAME: '邻里',
    LINLI_SMS_TEMPLATES: 'default=SMS_1',
    LINLI_NOTIFY_LEASE_S: '5',
  });
  procs.push(server);
  return server;
}

describe.skipIf(TEST_ENGINE !== 'postgres')('the outbox across a server kill (PostgreSQL)', () => {
  it('delivers a text queued while the gateway was down exactly once after a SIGKILL and a restart', async () => {
    testDb = await createTestDatabase();
    const db = testDb.database.db;
    const gatewayPort = await freePort();
    const first = await startServer(testDb.url!, gatewayPort, 'a');
    expect(await until(first.healthy, 150_000), first.output.join('')).toBe(true);

    // The server made the key file; queue a text as a module would (encrypted with the server's key).
    const cipher = new FieldCipher(loadOrCreateKeys(path.join(scratch, 'keys.json')));
    const id = randomUUID();
    const now = new Date();
    await insertDeliveries(db, [
      {
        id,
        areaCode: null,
        userId: null,
        event: 'otp',
        channel: 'sms',
        recipientEnc: cipher.encrypt('13800138099'),
        payloadEnc: cipher.encrypt(JSON.stringify({ kind: 'otp', params: { code: '135790' } })),
        urgent: true,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      },
    ]);
    // The gateway is down: the first server tries and records the failure. Waited for by the failure itself, not by
    // the attempt count: the claim counts the attempt before the send fails, and a kill between the two left no error.
    expect(
      await until(async () => ((await deliveryState(db, id))?.lastError ?? '').includes('gateway unreachable'), 30_000),
    ).toBe(true);
    first.proc.kill('SIGKILL');
    await first.exited;
    const afterKill = (await deliveryState(db, id))!;
    expect(afterKill.status === 'pending' || afterKill.status === 'sending').toBe(true);
    expect(afterKill.lastError ?? '').toContain('gateway unreachable');

    const received: URLSearchParams[] = [];
    gateway = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(new URLSearchParams(body));
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: 'b', RequestId: 'r' }));
      });
    });
    await new Promise<void>((resolve) => gateway!.listen(gatewayPort, '127.0.0.1', resolve));

    const second = await startServer(testDb.url!, gatewayPort, 'b');
    expect(await until(second.healthy, 150_000), second.output.join('')).toBe(true);
    expect(await until(async () => (await deliveryState(db, id))?.status === 'sent', 90_000)).toBe(true);
    // A few more job runs: nothing is sent again.
    await new Promise((r) => setTimeout(r, 3000));
    expect(received.map((p) => [p.get('OutId'), p.get('PhoneNumbers'), p.get('TemplateParam')])).toEqual([
      [id, '13800138099', JSON.stringify({ code: '135790' })],
    ]);
    second.proc.kill('SIGTERM');
    await second.exited;
  }, 400_000);
});
