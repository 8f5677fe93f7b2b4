import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  LINLI_DATA_DIR: z.string().default('./data'),
  LINLI_KEY_FILE: z.string().optional(),
  LINLI_DEMO: z.enum(['0', '1']).optional(),
  LINLI_DEMO_PASSWORD: z.string().optional(),
  LINLI_PASSWORD_PROFILE: z.enum(['mlps', 'asvs']).default('mlps'),
  LINLI_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LINLI_LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LINLI_LOGIN_LIMIT_PER_USER: z.coerce.number().int().min(1).default(10),
  LINLI_WEB_DIST: z.string().optional(),
  LINLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL URL, or null for embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory; 'memory://' in tests. */
  dataDir: string;
  keyFile: string;
  demoMode: boolean;
  demoPassword: string | null;
  passwordProfile: 'mlps' | 'asvs';
  trustProxy: boolean;
  loginLimitPerIp: number;
  loginLimitPerUser: number;
  webDist: string | null;
  logLevel: string;
}

/** Reads the environment once. Demo mode is on for the embedded database unless LINLI_DEMO=0, off for PostgreSQL unless LINLI_DEMO=1. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = Env.parse(env);
  const databaseUrl = parsed.DATABASE_URL?.trim() || null;
  const dataDir = path.resolve(parsed.LINLI_DATA_DIR);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl,
    dataDir,
    keyFile: parsed.LINLI_KEY_FILE ? path.resolve(parsed.LINLI_KEY_FILE) : path.join(dataDir, 'keys.json'),
    demoMode: parsed.LINLI_DEMO ? parsed.LINLI_DEMO === '1' : databaseUrl === null,
    demoPassword: parsed.LINLI_DEMO_PASSWORD ?? null,
    passwordProfile: parsed.LINLI_PASSWORD_PROFILE,
    trustProxy: parsed.LINLI_TRUST_PROXY === '1',
    loginLimitPerIp: parsed.LINLI_LOGIN_LIMIT_PER_IP,
    loginLimitPerUser: parsed.LINLI_LOGIN_LIMIT_PER_USER,
    webDist: parsed.LINLI_WEB_DIST ?? null,
    logLevel: parsed.LINLI_LOG_LEVEL,
  };
}
