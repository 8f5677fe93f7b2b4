import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationPreferences } from '@linli/contracts/modules/notifications';
import { deliverDue } from '../src/modules/notifications';
import { AliyunSmsChannel } from '../src/modules/notifications/channels/aliyun-sms';
import { WebhookChannel } from '../src/modules/notifications/channels/webhook';
import { deliveryState } from '../src/modules/notifications/outbox.repository';
import { notificationDeliveries } from '../src/modules/notifications/notifications.tables';
import { buildOrg, createUser } from './factories/org';
import { TestClient, useTestApp } from './harness';

const ACCESS_KEY_ID = 'LTAI-test-key';
const ACCESS_KEY_SECRET = 'test-secret-of-the-fake-gateway';
const WEBHOOK_SECRET = 'webhook-secret-0123456789';

const t = useTestApp({
  notifications: {
    sms: { provider: 'log' },
    webhook: { url: 'http://127.0.0.1:9/unused', secret: WEBHOOK_SECRET },
    maxAttempts: 8,
    leaseMs: 60_000,
  },
});

/**
 * The signature as the gateway computes it, written here from Alibaba Cloud's description (not the module's code):
 * RFC 3986 percent-encoding byte by byte, sorted parameters, "POST&%2F&" + encoded query, HMAC-SHA1 with secret + "&".
 */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
function gatewaySignature(secret: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : 1));
  const query = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  return createHmac('sha1', `${secret}&`)
    .update(`POST&${rfc3986('/')}&${rfc3986(query)}`)
    .digest('base64');
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });

/** A fake dysmsapi: checks the signature and answers as the service does (OK, SignatureDoesNotMatch, a quota). */
const gateway = { received: [] as URLSearchParams[], refuseBusiness: false, server: null as Server | null, url: '' };
/** A webhook receiver that verifies X-Linli-Signature. */
const receiver = { received: [] as unknown[], server: null as Server | null, url: '' };

beforeAll(async () => {
  gateway.server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const params = new URLSearchParams(body);
      res.setHeader('Content-Type', 'application/json');
      const requestId = `req-${gateway.received.length}`;
      if (
        params.get('AccessKeyId') !== ACCESS_KEY_ID ||
        gatewaySignature(ACCESS_KEY_SECRET, params) !== params.get('Signature')
      ) {
        res.statusCode = 400;
        res.end(
          JSON.stringify({
            Code: 'SignatureDoesNotMatch',
            Message: 'Specified signature is not matched with our calculation.',
            RequestId: requestId,
          }),
        );
        return;
      }
      if (gateway.refuseBusiness) {
        res.end(
          JSON.stringify({
            Code: 'isv.BUSINESS_LIMIT_CONTROL',
            Message: '触发分钟级流控Permits:1',
            RequestId: requestId,
          }),
        );
        return;
      }
      gateway.received.push(params);
      res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `biz-${requestId}`, RequestId: requestId }));
    });
  });
  receiver.server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const header = String(req.headers['x-linli-signature'] ?? '');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      const expected = match ? createHmac('sha256', WEBHOOK_SECRET).update(`${match[1]}.${body}`).digest('hex') : '';
      const ok = match && timingSafeEqual(Buffer.from(match[2]!), Buffer.from(expected));
      if (!ok) {
        res.statusCode = 401;
        res.end('bad signature');
        return;
      }
      receiver.received.push({ delivery: req.headers['x-linli-delivery'], body: JSON.parse(body) as unknown });
      res.end('ok');
    });
  });
  for (const s of [gateway, receiver]) {
    await new Promise<void>((resolve) => s.server!.listen(0, '127.0.0.1', resolve));
    s.url = `http://127.0.0.1:${(s.server!.address() as AddressInfo).port}/`;
  }
});
afterAll(async () => {
  for (const s of [gateway.server, receiver.server]) await new Promise((resolve) => s?.close(resolve));
});

const smsChannel = (secret: string) =>
  new AliyunSmsChannel({
    provider: 'aliyun',
    endpoint: gateway.url,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: secret,
    signName: '邻里社区',
    templates: { default: 'SMS_000000', otp: 'SMS_123456' },
  });

async function queueSms(phone: string, template: string) {
  await t.app.ctx.db.transaction((tx) =>
    t.app.ctx.notifier.sendSms(tx, { phone, template, params: { code: '246810' } }),
  );
  const rows = await t.app.ctx.db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.event, template));
  return rows[0]!.id;
}

describe('Alibaba Cloud SMS signing against a fake gateway', () => {
  it('a correctly signed SendSms is accepted once and the row is sent', async () => {
    const id = await queueSms('13800138010', 'otp');
    const before = gateway.received.length;
    await deliverDue(t.app.ctx, { sms: smsChannel(ACCESS_KEY_SECRET) });
    const got = gateway.received.slice(before);
    expect(got.map((p) => [p.get('Action'), p.get('PhoneNumbers'), p.get('TemplateCode'), p.get('SignName')])).toEqual([
      ['SendSms', '13800138010', 'SMS_123456', '邻里社区'],
    ]);
    expect(JSON.parse(got[0]!.get('TemplateParam')!)).toEqual({ code: '246810' });
    expect([got[0]!.get('OutId'), got[0]!.get('Version'), got[0]!.get('SignatureMethod')]).toEqual([
      id,
      '2017-05-25',
      'HMAC-SHA1',
    ]);
    expect((await deliveryState(t.app.ctx.db, id))!.status).toBe('sent');
  });

  it('a wrong secret is refused (SignatureDoesNotMatch) and retried after the back-off; a quota answer too', async () => {
    const id = await queueSms('13800138011', 'otp-wrong');
    const before = gateway.received.length;
    await deliverDue(t.app.ctx, { sms: smsChannel('not-the-secret') });
    let row = (await deliveryState(t.app.ctx.db, id))!;
    expect([row.status, row.attempts, row.lastError]).toEqual([
      'pending',
      1,
      'SMS gateway refused: SignatureDoesNotMatch',
    ]);
    expect(row.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(5000);
    gateway.refuseBusiness = true;
    t.clock.advance(5000);
    await deliverDue(t.app.ctx, { sms: smsChannel(ACCESS_KEY_SECRET) });
    gateway.refuseBusiness = false;
    row = (await deliveryState(t.app.ctx.db, id))!;
    expect([row.status, row.attempts, row.lastError]).toEqual([
      'pending',
      2,
      'SMS gateway refused: isv.BUSINESS_LIMIT_CONTROL',
    ]);
    t.clock.advance(10_000);
    await deliverDue(t.app.ctx, { sms: smsChannel(ACCESS_KEY_SECRET) });
    expect((await deliveryState(t.app.ctx.db, id))!.status).toBe('sent');
    expect(gateway.received.slice(before).map((p) => p.get('OutId'))).toEqual([id]);
  });
});

describe('signed webhook', () => {
  it('the receiver verifies the HMAC-SHA256 signature; a wrong secret is refused and retried', async () => {
    const org = await buildOrg(t.app.ctx);
    const user = await createUser(t.app.ctx, { roles: ['community_supervisor'], areas: [org.communityA] });
    const client = new TestClient(t.app);
    await client.login(user.username, user.password);
    await client.putAs(NotificationPreferences, '/api/notifications/preferences', {
      items: [{ event: 'approval.waiting', channels: ['webhook'] }],
    });
    await t.app.ctx.db.transaction((tx) =>
      t.app.ctx.notifier.notify(tx, {
        userIds: [user.id],
        event: 'approval.waiting',
        areaCode: org.communityA,
        params: { kind: 'case_plan' },
        link: '/care/cases/x',
      }),
    );
    const [row] = await t.app.ctx.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.userId, user.id));
    await deliverDue(t.app.ctx, {
      webhook: new WebhookChannel({ url: receiver.url, secret: 'wrong-secret-0123456789' }),
    });
    const failed = (await deliveryState(t.app.ctx.db, row!.id))!;
    expect([failed.status, failed.lastError]).toEqual(['pending', 'webhook answered 401']);
    t.clock.advance(5000);
    const before = receiver.received.length;
    await deliverDue(t.app.ctx, { webhook: new WebhookChannel({ url: receiver.url, secret: WEBHOOK_SECRET }) });
    const got = receiver.received.slice(before) as { delivery: string; body: Record<string, unknown> }[];
    expect(got.map((g) => [g.delivery, g.body.event, g.body.userId, g.body.link])).toEqual([
      [row!.id, 'approval.waiting', user.id, '/care/cases/x'],
    ]);
    expect((await deliveryState(t.app.ctx.db, row!.id))!.status).toBe('sent');
  });
});
