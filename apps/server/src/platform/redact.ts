/**
 * Redaction of personal identifiers in free text that leaves the data path: audit `detail` strings and the server log
 * (F9). Field values are classified in db/classification.ts; text written by people or by drivers (a reason, a search,
 * an SQL error's parameters) is not, so the identifier patterns are masked wherever they appear in it.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3})([\dXx])(?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
/** Drizzle's "Failed query: … params: a,b,c" carries every bound value of the statement. */
const QUERY_PARAMS = /(params:)[^\n]*/gi;

export function redactText(text: string): string;
export function redactText(text: string | null): string | null;
export function redactText(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(QUERY_PARAMS, '$1 [redacted]')
    .replace(ID_NUMBER, (match) => `${match.slice(0, 3)}${'*'.repeat(match.length - 4)}${match.slice(-1)}`)
    .replace(MOBILE, '$1****$3');
}

interface LoggedError {
  type: string;
  message: string;
  [key: string]: unknown;
  code: string | undefined;
  query: string | undefined;
  detail: string | undefined;
  stack: string;
  cause: LoggedError | undefined;
}

/** Pino serializers for Fastify's logger: the request line and errors are redacted like audit details. */
export const logSerializers = {
  req(request: { method: string; url: string; hostname?: string; ip?: string; id?: string }) {
    return {
      method: request.method,
      url: redactText(request.url),
      hostname: request.hostname,
      remoteAddress: request.ip,
      reqId: request.id,
    };
  },
  err(error: Error & { code?: string; detail?: string; query?: string }): LoggedError {
    return {
      type: error.name,
      message: redactText(error.message ?? ''),
      code: error.code,
      // The SQL text is kept (it names the statement); its bound parameters never are.
      query: typeof error.query === 'string' ? error.query : undefined,
      detail: typeof error.detail === 'string' ? redactText(error.detail) : undefined,
      stack: redactText(error.stack ?? ''),
      cause: error.cause instanceof Error ? logSerializers.err(error.cause) : undefined,
    };
  },
};
