import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  DeliveryItem,
  DeliveryList,
  MarkedRead,
  NotificationList,
  NotificationPreferences,
  UnreadCount,
} from '@linli/contracts/modules/notifications';
import type { NotificationInput } from '../src/platform/notify';
import { retryDelayMs } from '../src/platform/events';
import { deliverDue } from '../src/modules/notifications';
import type { Channel, DeliveryPayload } from '../src/modules/notifications/channels';
import { claimDue, deliveryState } from '../src/modules/notifications/outbox.repository';
import { notificationDeliveries } from '../src/modules/notifications/notifications.tables';
import { runEscalationNotices } from '../src/modules/care/supervision/escalation-notice';
import { visits } from '../src/modules/care/visits/visits.tables';
import { addDays } from '../src/platform/dates';
import { buildOrg } from './factories/org';
import { createUser } from './factories/org';
import { createClient } from './factories/care';
import { type TestApp, TestClient, expectError, signedIn, useTestApp } from './harness';
import type { Role } from '@linli/contracts';

const t = useTestApp({
  notifications: { sms: { provider: 'log' }, webhook: null, maxAttempts: 8, leaseMs: 60_000 },
});

/** A signed-in account with a mobile number (SMS needs one). */
async function withPhone(app: TestApp, roles: Role[], areas: string[], phone: string) {
  const user = await createUser(app.app.ctx, { roles, areas, phone });
  const client = new TestClient(app.app);
  await client.login(user.username, user.password);
  return { ...user, client };
}

function notify(input: Omit<NotificationInput, 'areaCode'> & { areaCode?: string | null }) {
  return t.app.ctx.db.transaction((tx) => t.app.ctx.notifier.notify(tx, { areaCode: null, ...input }));
}

/** A channel that records what it sent, or fails while `failing` is true. */
function recordingChannel() {
  const sent: { deliveryId: string; recipient: string; payload: DeliveryPayload }[] = [];
  const channel = {
    failing: false,
    sent,
    async send(input: Parameters<Channel['send']>[0]) {
      if (channel.failing) throw new Error('gateway down');
      sent.push({ deliveryId: input.deliveryId, recipient: input.recipient, payload: input.payload });
    },
  };
  return channel;
}

async function deliveriesOf(userId: string) {
  return t.app.ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, userId));
}

describe('inbox', () => {
  it('lists only one’s own, counts unread, marks one and all read; another’s answers 404', async () => {
    const org = await buildOrg(t.app.ctx);
    const a = await signedIn(t, ['community_worker'], [org.communityA]);
    const b = await signedIn(t, ['community_worker'], [org.communityA]);
    await notify({ userIds: [a.id], event: 'approval.waiting', areaCode: org.communityA, params: { kind: 'export' } });
    t.clock.advance(1000);
    await notify({ userIds: [a.id, b.id], event: 'account.changed', params: { change: 'roles' }, link: '/profile' });

    const listA = await a.client.getAs(NotificationList, '/api/notifications');
    expect(listA.items.map((n) => n.event)).toEqual(['account.changed', 'approval.waiting']);
    expect(listA.items[1]!.params).toEqual({ kind: 'export' });
    const listB = await b.client.getAs(NotificationList, '/api/notifications');
    expect(listB.items.map((n) => n.event)).toEqual(['account.changed']);
    expect((await a.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(2);

    expectError(await b.client.post(`/api/notifications/${listA.items[1]!.id}/read`), 404, 'notifications.not_found');
    expect((await a.client.postAs(MarkedRead, `/api/notifications/${listA.items[1]!.id}/read`)).marked).toBe(1);
    expect((await a.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(1);
    const unread = await a.client.getAs(NotificationList, '/api/notifications?unread=true');
    expect(unread.items.map((n) => n.event)).toEqual(['account.changed']);
    expect((await a.client.postAs(MarkedRead, '/api/notifications/read-all')).marked).toBe(1);
    expect((await a.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(0);
    expect((await b.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(1);
  });

  it('a tier downgrade waiting for approval reaches the area’s supervisor, not the worker or another area', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const otherSupervisor = await signedIn(t, ['community_supervisor'], [org.communityB]);
    const c = await createClient(worker.client, org.communityA);
    await worker.client.post(`/api/care/clients/${c.id}/assessments`, {
      scores: { health: { score: 3 } },
      tier: 'red',
    });
    t.clock.advance(60_000);
    const down = await worker.client.post(`/api/care/clients/${c.id}/assessments`, {
      scores: { health: { score: 2 }, income: { score: 2 } },
      tier: 'yellow',
      overrideReason: '子女已回家照料',
    });
    expect(down.json().tierChange).toBe('pending_approval');
    const inbox = await supervisor.client.getAs(NotificationList, '/api/notifications');
    expect(inbox.items.map((n) => [n.event, n.params.kind, n.link])).toEqual([
      ['approval.waiting', 'tier_change', '/care/approvals'],
    ]);
    expect((await worker.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(0);
    expect((await otherSupervisor.client.getAs(UnreadCount, '/api/notifications/unread-count')).unread).toBe(0);
  });
});

describe('account changes', () => {
  it('roles changed by the security administrator reach the account itself', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const security = await signedIn(t, ['security_admin'], [org.district]);
    expect((await security.client.put(`/api/users/${worker.id}/roles`, { roles: ['grid_worker'] })).statusCode).toBe(
      200,
    );
    await worker.client.relogin(); // new roles end the old sessions
    const inbox = await worker.client.getAs(NotificationList, '/api/notifications');
    expect(inbox.items.map((n) => [n.event, n.params.change, n.objectId])).toEqual([
      ['account.changed', 'roles', worker.id],
    ]);
  });
});

describe('escalations', () => {
  it('a visit reaching the supervisor threshold tells the supervisor once; the street threshold the street officer', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const street = await signedIn(t, ['street_officer'], [org.streetA]);
    const c = await createClient(worker.client, org.communityA);
    await worker.client.post(`/api/care/clients/${c.id}/assessments`, {
      scores: { health: { score: 3 } },
      tier: 'red',
    });
    const [visit] = await t.app.ctx.db
      .select()
      .from(visits)
      .where(and(eq(visits.clientId, c.id), eq(visits.status, 'planned')));
    const at = (days: number) => t.clock.set(`${addDays(visit!.windowEnd, days)}T01:00:00Z`); // 09:00 in China
    const inbox = async (who: typeof supervisor) =>
      (await who.client.getAs(NotificationList, '/api/notifications')).items
        .filter((n) => n.objectId === visit!.id)
        .map((n) => [n.event, n.params.days, n.urgent]);

    at(3); // the default policy: the supervisor after 3 days, the street after 14
    await Promise.all([supervisor.client.relogin(), street.client.relogin()]);
    await runEscalationNotices(t.app.ctx);
    await runEscalationNotices(t.app.ctx); // the same day again: nothing new
    expect(await inbox(supervisor)).toEqual([['visit.overdue_escalated', 3, false]]);
    expect(await inbox(street)).toEqual([]);
    at(14);
    await Promise.all([supervisor.client.relogin(), street.client.relogin()]);
    await runEscalationNotices(t.app.ctx);
    expect(await inbox(street)).toEqual([['visit.overdue_escalated', 14, true]]);
    expect((await inbox(supervisor)).length).toBe(1);
  });
});

describe('preferences and the outbox', () => {
  it('SMS goes only to those who chose it and have a phone; the recipient is stored encrypted', async () => {
    const org = await buildOrg(t.app.ctx);
    const withSms = await withPhone(t, ['community_supervisor'], [org.communityA], '13800138001');
    const noPhone = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const defaults = await withSms.client.getAs(NotificationPreferences, '/api/notifications/preferences');
    expect(defaults.items.find((i) => i.event === 'approval.waiting')!.channels).toEqual([]);
    expect([defaults.smsAvailable, defaults.webhookAvailable]).toEqual([true, false]);
    const body = { items: [{ event: 'approval.waiting', channels: ['sms'] }] };
    const saved = await withSms.client.putAs(NotificationPreferences, '/api/notifications/preferences', body);
    expect(saved.items.find((i) => i.event === 'approval.waiting')!.channels).toEqual(['sms']);
    await noPhone.client.putAs(NotificationPreferences, '/api/notifications/preferences', body);

    await notify({ userIds: [withSms.id, noPhone.id], event: 'approval.waiting', params: { kind: 'export' } });
    const rows = await deliveriesOf(withSms.id);
    expect(rows.map((r) => [r.channel, r.status, r.attempts])).toEqual([['sms', 'pending', 0]]);
    expect(rows[0]!.recipientEnc).not.toContain('13800138001');
    expect(t.app.ctx.cipher.decrypt(rows[0]!.recipientEnc)).toBe('13800138001');
    expect(await deliveriesOf(noPhone.id)).toEqual([]);
    await notify({ userIds: [withSms.id], event: 'account.changed', params: { change: 'roles' } });
    expect((await deliveriesOf(withSms.id)).length).toBe(1); // not chosen for account.changed
  });

  it('quiet hours: a text at 22:00 waits until 08:00; an urgent one goes at once', async () => {
    const org = await buildOrg(t.app.ctx);
    const user = await withPhone(t, ['community_supervisor'], [org.communityA], '13800138002');
    await user.client.putAs(NotificationPreferences, '/api/notifications/preferences', {
      items: [{ event: 'visit.overdue_escalated', channels: ['sms'] }],
    });
    t.clock.set('2026-03-02T14:00:00Z'); // 22:00 in China
    const sms = recordingChannel();
    await notify({ userIds: [user.id], event: 'visit.overdue_escalated', params: { days: 9 } });
    await notify({ userIds: [user.id], event: 'visit.overdue_escalated', params: { days: 30 }, urgent: true });
    const rows = await deliveriesOf(user.id);
    const quiet = rows.find((r) => !r.urgent)!;
    expect(quiet.nextAttemptAt.toISOString()).toBe('2026-03-03T00:00:00.000Z'); // 08:00 in China
    await deliverDue(t.app.ctx, { sms });
    const mine = () => sms.sent.filter((s) => s.recipient === '13800138002');
    expect(mine().map((s) => s.payload.params.days)).toEqual([30]);
    t.clock.set('2026-03-02T23:59:00Z');
    await deliverDue(t.app.ctx, { sms });
    expect(mine().length).toBe(1);
    t.clock.set('2026-03-03T00:00:00Z');
    await deliverDue(t.app.ctx, { sms });
    expect(mine().map((s) => [s.recipient, s.payload.params.days])).toEqual([
      ['13800138002', 30],
      ['13800138002', 9],
    ]);
    expect((await deliveryState(t.app.ctx.db, quiet.id))!.status).toBe('sent');
  });

  it('backs off exponentially, goes dead after 8 failures, and an administrator’s retry delivers it', async () => {
    const org = await buildOrg(t.app.ctx);
    const user = await withPhone(t, ['community_worker'], [org.communityA], '13800138003');
    await t.app.ctx.db.transaction((tx) =>
      t.app.ctx.notifier.sendSms(tx, { phone: '13800138003', template: 'otp', params: { code: '123456' } }),
    );
    await notify({
      userIds: [user.id],
      event: 'approval.waiting',
      areaCode: org.communityA,
      params: { kind: 'export' },
    });
    const [row] = await t.app.ctx.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.event, 'otp'))
      .orderBy(notificationDeliveries.createdAt);
    const sms = recordingChannel();
    sms.failing = true;
    for (let attempt = 1; attempt <= 8; attempt++) {
      await deliverDue(t.app.ctx, { sms });
      const state = (await deliveryState(t.app.ctx.db, row!.id))!;
      expect(state.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(state.status).toBe('pending');
        const wait = state.nextAttemptAt.getTime() - t.clock.now().getTime();
        expect(wait).toBe(retryDelayMs(attempt));
        t.clock.advance(wait - 1);
        await deliverDue(t.app.ctx, { sms });
        expect((await deliveryState(t.app.ctx.db, row!.id))!.attempts).toBe(attempt); // not due yet
        t.clock.advance(1);
      } else expect([state.status, state.lastError]).toEqual(['dead', 'gateway down']);
    }
    const admin = await signedIn(t, ['system_admin'], [org.district]);
    const dead = await admin.client.getAs(DeliveryList, '/api/notifications/outbox?status=dead&pageSize=100');
    expect(dead.items.map((d) => d.id)).toContain(row!.id);
    expect(JSON.stringify(dead)).not.toContain('13800138003');
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    expect((await worker.client.post(`/api/notifications/outbox/${row!.id}/retry`)).statusCode).toBe(403);
    const retried = await admin.client.postAs(DeliveryItem, `/api/notifications/outbox/${row!.id}/retry`);
    expect([retried.status, retried.attempts]).toEqual(['pending', 0]);
    expectError(await admin.client.post(`/api/notifications/outbox/${row!.id}/retry`), 409);
    sms.failing = false;
    await deliverDue(t.app.ctx, { sms });
    expect(sms.sent.filter((s) => s.deliveryId === row!.id).map((s) => s.payload.params)).toEqual([{ code: '123456' }]);
  });

  it('a claim holds a lease: another claim skips the row until the lease runs out, then takes it over', async () => {
    await t.app.ctx.db.transaction((tx) =>
      t.app.ctx.notifier.sendSms(tx, { phone: '13800138004', template: 'lease-test', params: {} }),
    );
    const now = t.clock.now();
    const first = await claimDue(t.app.ctx.db, now, new Date(now.getTime() + 60_000), 100);
    const mine = first.filter((r) => r.event === 'lease-test');
    expect(mine.map((r) => [r.status, r.attempts])).toEqual([['sending', 1]]);
    const again = await claimDue(t.app.ctx.db, now, new Date(now.getTime() + 60_000), 100);
    expect(again.filter((r) => r.event === 'lease-test')).toEqual([]);
    t.clock.advance(60_000);
    const later = t.clock.now();
    const takeover = await claimDue(t.app.ctx.db, later, new Date(later.getTime() + 60_000), 100);
    expect(takeover.filter((r) => r.event === 'lease-test').map((r) => r.attempts)).toEqual([2]);
  });
});
