import path from 'node:path';
import { z } from 'zod';
import { NotificationEnv, type NotificationConfig, notificationConfig } from './config-notifications';
import { MediaEnv, s3Config } from './config-media';
import type { S3Config } from './platform/media/store';
import { REPO_ROOT } from './platform/paths';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATABASE_REPLICA_URL: z.string().optional(),
  LINLI_DATA_DIR: z.string().default('./data'),
  LINLI_KEY_FILE: z.string().optional(),
  LINLI_AUDIT_ANCHOR_FILE: z.string().optional(),
  LINLI_DEMO: z.enum(['0', '1']).optional(),
  LINLI_DEMO_PASSWORD: z.string().optional(),
  LINLI_PASSWORD_PROFILE: z.enum(['mlps', 'asvs']).default('mlps'),
  // 0 = no proxy; a number = how many proxy hops in front of Linli to trust; else a comma list of proxy addresses/CIDRs.
  LINLI_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, 'a hop count or a comma list of proxy addresses')
    .default('0'),
  LINLI_EXACT_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).default(30),
  LINLI_LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LINLI_LOGIN_LIMIT_PER_USER: z.coerce.number().int().min(1).default(10),
  LINLI_WEB_DIST: z.string().optional(),
  LINLI_LEDGER_MAX_MB: z.coerce.number().positive().max(100).default(20),
  LINLI_LEDGER_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
  LINLI_LEDGER_PARSE_TIMEOUT_S: z.coerce.number().positive().default(60),
  LINLI_LEDGER_IMPORTS_AT_ONCE: z.coerce.number().int().min(1).default(2),
  LINLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...NotificationEnv,
  ...MediaEnv,
});

export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL URL, or null for embedded PGlite. */
  databaseUrl: string | null;
  /** A streaming replica of databaseUrl for dashboards, exports and ledger reads (ADR 0008); null = none. */
  databaseReplicaUrl: string | null;
  /** PGlite data directory; 'memory://' in tests. */
  dataDir: string;
  keyFile: string;
  /**
   * Append-only file of MACed audit chain heads (ADR 0006): beside the key file unless LINLI_AUDIT_ANCHOR_FILE says
   * otherwise; null turns anchoring off (tests that need no file-system side effects).
   */
  auditAnchorFile: string | null;
  demoMode: boolean;
  demoPassword: string | null;
  passwordProfile: 'mlps' | 'asvs';
  /**
   * Which X-Forwarded-* hops to believe (F12): false (none), a hop count, or the proxies' addresses — never "all",
   * which would let any client choose the IP that rate limits and the audit log see.
   */
  trustProxy: false | number | string[];
  /** Lookups by full ID or mobile number per user per hour (F4). */
  exactLookupsPerHour: number;
  loginLimitPerIp: number;
  loginLimitPerUser: number;
  webDist: string | null;
  logLevel: string;
  /** Ledger import caps (security finding F2): upload size, data rows, parse time, imports at once server-wide (one per user). */
  ledgerMaxBytes: number;
  ledgerMaxRows: number;
  ledgerParseTimeoutMs: number;
  ledgerImportsAtOnce: number;
  /** External notification channels (modules/notifications, docs/notifications.md). */
  notifications: NotificationConfig;
  /** Photo storage in S3-compatible object storage (config-media.ts); null = files in `<dataDir>/media`. */
  s3: S3Config | null;
}

/**
 * The repository root: relative paths in the environment (LINLI_DATA_DIR, LINLI_KEY_FILE, …) are taken from here, not
 * from the working directory, so `npm start` (run at the root) and `npm run linli` (run inside apps/server) open the
 * same embedded database, key file and anchor file.
 */
export { REPO_ROOT };
const fromRoot = (p: string) => path.resolve(REPO_ROOT, p);

/** Reads the environment once. Demo mode is on for the embedded database unless LINLI_DEMO=0, off for PostgreSQL unless LINLI_DEMO=1. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = Env.parse(env);
  const databaseUrl = parsed.DATABASE_URL?.trim() || null;
  const databaseReplicaUrl = parsed.DATABASE_REPLICA_URL?.trim() || null;
  if (databaseReplicaUrl && !databaseUrl)
    throw new Error(
      'DATABASE_REPLICA_URL is set but DATABASE_URL is not: a read replica is a standby of a PostgreSQL primary, and the ' +
        'embedded PGlite database has none. Set DATABASE_URL to the primary, or unset DATABASE_REPLICA_URL.',
    );
  const dataDir = fromRoot(parsed.LINLI_DATA_DIR);
  const keyFile = parsed.LINLI_KEY_FILE ? fromRoot(parsed.LINLI_KEY_FILE) : path.join(dataDir, 'keys.json');
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl,
    databaseReplicaUrl,
    dataDir,
    keyFile,
    auditAnchorFile: parsed.LINLI_AUDIT_ANCHOR_FILE
      ? fromRoot(parsed.LINLI_AUDIT_ANCHOR_FILE)
      : path.join(path.dirname(keyFile), 'audit-anchors.jsonl'),
    demoMode: parsed.LINLI_DEMO ? parsed.LINLI_DEMO === '1' : databaseUrl === null,
    demoPassword: parsed.LINLI_DEMO_PASSWORD ?? null,
    passwordProfile: parsed.LINLI_PASSWORD_PROFILE,
    trustProxy: parseTrustProxy(parsed.LINLI_TRUST_PROXY),
    exactLookupsPerHour: parsed.LINLI_EXACT_LOOKUPS_PER_HOUR,
    loginLimitPerIp: parsed.LINLI_LOGIN_LIMIT_PER_IP,
    loginLimitPerUser: parsed.LINLI_LOGIN_LIMIT_PER_USER,
    webDist: parsed.LINLI_WEB_DIST ? fromRoot(parsed.LINLI_WEB_DIST) : null,
    logLevel: parsed.LINLI_LOG_LEVEL,
    ledgerMaxBytes: Math.round(parsed.LINLI_LEDGER_MAX_MB * 1024 * 1024),
    ledgerMaxRows: parsed.LINLI_LEDGER_MAX_ROWS,
    ledgerParseTimeoutMs: Math.round(parsed.LINLI_LEDGER_PARSE_TIMEOUT_S * 1000),
    ledgerImportsAtOnce: parsed.LINLI_LEDGER_IMPORTS_AT_ONCE,
    notifications: notificationConfig(parsed, parsed.LINLI_DEMO ? parsed.LINLI_DEMO === '1' : databaseUrl === null),
    s3: s3Config(parsed),
  };
}

/** `0` → trust nothing; `2` → the last two hops are our proxies; `10.0.0.5,10.0.1.0/24` → only those addresses. */
export function parseTrustProxy(value: string): false | number | string[] {
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
