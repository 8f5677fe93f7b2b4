import { z } from 'zod';

/**
 * Environment of the external notification channels (docs/notifications.md). SMS goes through Alibaba Cloud's
 * dysmsapi SendSms when a key is configured; otherwise, in demo mode, to the server log; otherwise nowhere.
 */
export const NotificationEnv = {
  LINLI_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  LINLI_SMS_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  LINLI_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  LINLI_SMS_SIGN_NAME: z.string().trim().min(1).optional(),
  /** Template codes by message kind: `default=SMS_1,otp=SMS_2,approval.waiting=SMS_3`. */
  LINLI_SMS_TEMPLATES: z
    .string()
    .trim()
    .regex(/^[\w.]+=[\w-]+(,\s*[\w.]+=[\w-]+)*$/, 'a comma list of kind=TemplateCode')
    .optional(),
  LINLI_WEBHOOK_URL: z.url().optional(),
  LINLI_WEBHOOK_SECRET: z.string().min(16).optional(),
  LINLI_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  LINLI_NOTIFY_LEASE_S: z.coerce.number().int().min(5).max(3600).default(60),
};

interface Parsed {
  LINLI_SMS_ENDPOINT: string;
  LINLI_SMS_ACCESS_KEY_ID?: string | undefined;
  LINLI_SMS_ACCESS_KEY_SECRET?: string | undefined;
  LINLI_SMS_SIGN_NAME?: string | undefined;
  LINLI_SMS_TEMPLATES?: string | undefined;
  LINLI_WEBHOOK_URL?: string | undefined;
  LINLI_WEBHOOK_SECRET?: string | undefined;
  LINLI_NOTIFY_MAX_ATTEMPTS: number;
  LINLI_NOTIFY_LEASE_S: number;
}

export interface AliyunSmsConfig {
  provider: 'aliyun';
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Template code by message kind (an event type, 'otp', or 'default'). */
  templates: Record<string, string>;
}

export interface NotificationConfig {
  /** 'log' prints messages to the server log (demo mode only); null: no SMS channel. */
  sms: AliyunSmsConfig | { provider: 'log' } | null;
  webhook: { url: string; secret: string } | null;
  /** A delivery is dead after this many failed attempts. */
  maxAttempts: number;
  /** How long a claimed delivery is held before another process may take it over. */
  leaseMs: number;
}

function parseTemplates(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const [kind, code] = pair.split('=').map((v) => v.trim());
    if (kind && code) out[kind] = code;
  }
  return out;
}

export function notificationConfig(env: Parsed, demoMode: boolean): NotificationConfig {
  const { LINLI_SMS_ACCESS_KEY_ID: keyId, LINLI_SMS_ACCESS_KEY_SECRET: secret, LINLI_SMS_SIGN_NAME: sign } = env;
  const sms =
    keyId && secret && sign
      ? {
          provider: 'aliyun' as const,
          endpoint: env.LINLI_SMS_ENDPOINT,
          accessKeyId: keyId,
          accessKeySecret: secret,
          signName: sign,
          templates: parseTemplates(env.LINLI_SMS_TEMPLATES),
        }
      : demoMode
        ? { provider: 'log' as const }
        : null;
  const webhook =
    env.LINLI_WEBHOOK_URL && env.LINLI_WEBHOOK_SECRET
      ? { url: env.LINLI_WEBHOOK_URL, secret: env.LINLI_WEBHOOK_SECRET }
      : null;
  return { sms, webhook, maxAttempts: env.LINLI_NOTIFY_MAX_ATTEMPTS, leaseMs: env.LINLI_NOTIFY_LEASE_S * 1000 };
}
