import type { DbOrTx } from './db';

/**
 * The one function every module calls to tell people something (issue 10): `ctx.notifier.notify(tx, …)` in the
 * caller's transaction, so a notification exists exactly when the change it reports committed. The notifications
 * module (modules/notifications) installs the real notifier in its setup: in-app inbox rows, then one outbox row per
 * external channel the recipient chose. Until then (tests that load no module) notifications are dropped.
 */
export interface NotificationInput {
  /** Recipients (staff, partner or resident accounts). */
  userIds: string[];
  /** The event type, one of NOTIFICATION_EVENTS in @linli/contracts/modules/notifications. */
  event: string;
  /** What it is about, for the link in the inbox (never personal values). */
  objectType?: string;
  objectId?: string;
  /** The web path the inbox entry opens, e.g. `/partner/referrals/<id>`. */
  link?: string;
  /** The area it concerns (null for account events). */
  areaCode: string | null;
  /** Values the message template shows (codes, counts, dates — never names or numbers of clients). */
  params?: Record<string, string | number>;
  /** Urgent notifications are sent by SMS even in quiet hours. */
  urgent?: boolean;
}

/** A text message to a phone number that is not (yet) an account, e.g. a sign-up's one-time code. */
export interface SmsInput {
  phone: string;
  template: string;
  params: Record<string, string>;
  urgent?: boolean;
}

export interface Notifier {
  notify(tx: DbOrTx, input: NotificationInput): Promise<void>;
  sendSms(tx: DbOrTx, input: SmsInput): Promise<void>;
}

/** Used until the notifications module installs its notifier. */
export const droppingNotifier: Notifier = {
  notify: async () => undefined,
  sendSms: async () => undefined,
};
