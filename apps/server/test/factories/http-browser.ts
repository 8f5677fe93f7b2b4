import type { ServerProcess } from './processes';

/** An answer over real HTTP, read whole. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads the fields it checks
  json(): any;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser stand-in over real HTTP for tests with server processes (factories/processes.ts): it keeps the session
 * cookie and the CSRF token it was given and sends each request to the process named, so one session can move
 * from one process to another as it does behind a load balancer. Unsafe requests carry the CSRF token unless the
 * caller's headers name another one.
 */
export class HttpBrowser {
  cookie: string | null = null;
  csrf: string | null = null;

  async request(
    to: ServerProcess,
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const response = await fetch(`http://127.0.0.1:${to.port}${url}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (name?.trim() === 'linli_sid') this.cookie = value ? `linli_sid=${value}` : null;
    }
    const answer: HttpAnswer = {
      status: response.status,
      headers: response.headers,
      body: text,
      json: () => JSON.parse(text),
    };
    const session = safeParse(text)?.session;
    if (session && typeof session.csrfToken === 'string') this.csrf = session.csrfToken;
    return answer;
  }

  get(to: ServerProcess, url: string) {
    return this.request(to, 'GET', url);
  }
  post(to: ServerProcess, url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request(to, 'POST', url, body, headers);
  }

  /** The JSON of a 200 answer; fails with the status and body otherwise. */
  async ok(answer: Promise<HttpAnswer> | HttpAnswer) {
    const a = await answer;
    if (a.status !== 200) throw new Error(`expected 200, got ${a.status}: ${a.body}`);
    return a.json();
  }

  /** Logs in with username and password on `to`; fails unless the session opens. */
  async login(to: ServerProcess, username: string, password: string): Promise<void> {
    const status = (await this.ok(this.post(to, '/api/auth/login', { username, password }))).status;
    if (status !== 'ok') throw new Error(`login of ${username}: ${status}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function safeParse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
