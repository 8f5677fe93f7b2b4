// The HTTP side of `npm run bench`: the endpoint table (one definition, used by the per-endpoint measurements and by
// the soak), the warm-up, and the endpoint phase run against one server or the balancer in front of several.
import { cannon, sequential, type HttpResult, type Session } from './http';
import { intakeBody } from './requests';

export interface Endpoint {
  session: Session;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: string;
  onBody?: (status: number, body: string) => void;
  /** Per request: the body and headers (e.g. another user's session) that replace `body` and the session's. */
  setup?: () => { body: string; headers?: Record<string, string> };
}

export interface EndpointContext {
  sessions: { worker: Session; supervisor: Session; district: Session; stress: Session; recorder: Session };
  /** Community 1, the worker's and the supervisor's. */
  community: string;
  /** Today in Asia/Shanghai: the recorded visits' date. */
  today: string;
  nextClient: () => string;
  /** Planned visits of the worker; each record takes one and the booked next visit joins the end. */
  visitPool: string[];
  /** More rows (the volunteering ones), already built. */
  more?: Record<string, Endpoint>;
}

const NO_VISIT = '00000000-0000-4000-8000-000000000000';

/** The endpoint of each workload, by the workload's name. */
export function buildEndpoints(ctx: EndpointContext): Record<string, Endpoint> {
  const { sessions, community, visitPool } = ctx;
  const worker = {
    worklist: { session: sessions.worker, path: () => '/api/care/worklist' },
    'client detail': { session: sessions.worker, path: () => `/api/care/clients/${ctx.nextClient()}` },
    'record visit': {
      session: sessions.recorder,
      method: 'POST',
      body: JSON.stringify({ outcome: 'done', mode: 'home', visitedOn: ctx.today }),
      path: () => `/api/care/visits/${visitPool.shift() ?? NO_VISIT}/record`,
      onBody: (status: number, body: string) => {
        if (status !== 200) return;
        const next = (JSON.parse(body) as { nextVisit?: { id: string } | null }).nextVisit?.id;
        if (next) visitPool.push(next);
      },
    },
    'worker home': { session: sessions.worker, path: () => '/api/care/home' },
  } satisfies Record<string, Endpoint>;
  return {
    ...worker,
    // Issue 13 goal 2: the worker's four pages one request at a time (the latency one person sees).
    ...Object.fromEntries(Object.entries(worker).map(([name, e]) => [`${name} (latency)`, e])),
    'worklist (stress worker, 10,000 clients)': { session: sessions.stress, path: () => '/api/care/worklist' },
    'dashboard (supervisor)': { session: sessions.supervisor, path: () => '/api/care/overdue' },
    'dashboard (district)': { session: sessions.district, path: () => '/api/care/overdue' },
    'dashboard (district, latency)': { session: sessions.district, path: () => '/api/care/overdue' },
    'ledger export': { session: sessions.supervisor, path: () => `/api/care/ledger/export?communityCode=${community}` },
    'request intake': {
      session: sessions.worker,
      method: 'POST',
      body: intakeBody(community),
      path: () => '/api/requests',
    },
    'request queue': { session: sessions.worker, path: () => '/api/requests/queue' },
    ...ctx.more,
  };
}

/** The headers of one request to `e` (session cookie; CSRF token and JSON type for a POST; the per-request ones). */
export function requestHeaders(e: Endpoint, one?: { headers?: Record<string, string> }): Record<string, string> {
  return {
    cookie: e.session.cookie,
    ...(e.method === 'POST' ? { 'x-csrf-token': e.session.csrf, 'content-type': 'application/json' } : {}),
    ...one?.headers,
  };
}

/** Warm-up requests (JIT, plan caches), not counted; any non-2xx stops the run. */
export async function warmUp(base: string, name: string, e: Endpoint, times = 2): Promise<void> {
  for (let i = 0; i < times; i++) {
    const one = e.setup?.();
    const res = await fetch(`${base}${e.path()}`, {
      method: e.method ?? 'GET',
      body: one?.body ?? e.body,
      headers: requestHeaders(e, one),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${name}: warm-up got ${res.status}: ${text.slice(0, 300)}`);
    e.onBody?.(res.status, text);
  }
}

export interface PhaseTarget {
  base: string;
  /** VmRSS of each server process in MB (one entry per process). */
  rssMb: () => (number | null)[];
}

export interface PhaseResult {
  workload: string;
  http: HttpResult;
  rssMb: (number | null)[];
}

/**
 * Every workload's endpoint in turn: warm-up requests, then autocannon (`connections`, `seconds`), or one request at
 * a time for the workloads the raw side found slow; each process's RSS read at the end of each load.
 */
export async function endpointPhase(
  target: PhaseTarget,
  workloads: { name: string; sequential: boolean }[],
  endpoints: Record<string, Endpoint>,
  /** `warmUps`: requests before each load (default 2; through the balancer, 2 per process). */
  opts: { seconds: number; connections: number; log: (s: string) => void; warmUps?: number },
): Promise<PhaseResult[]> {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const out: PhaseResult[] = [];
  for (const w of workloads) {
    const e = endpoints[w.name];
    if (!e) throw new Error(`no endpoint for workload ${w.name}`);
    await warmUp(target.base, w.name, e, opts.warmUps ?? 2);
    const common = {
      base: target.base,
      session: e.session,
      method: e.method,
      path: e.path,
      body: e.body,
      onBody: e.onBody,
      setup: e.setup,
      seconds: opts.seconds,
    };
    const r = w.sequential
      ? await sequential({ ...common, minRequests: 3 })
      : await cannon({ ...common, connections: opts.connections });
    const rssMb = target.rssMb();
    opts.log(
      `  ${w.name.padEnd(24)} ${fmt(r.reqPerSec).padStart(9)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  (${r.requests} ok, ${r.non2xx} non-2xx, ${r.errors} errors, c=${r.connections})  RSS ${rssMb.map((m) => m ?? '—').join(' / ')} MB`,
    );
    out.push({ workload: w.name, http: r, rssMb });
  }
  return out;
}
