import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '@linli/contracts';
import { ERROR_MESSAGES, pickLang } from './messages';

const STATUS_BY_PREFIX: [RegExp, number][] = [
  [/^common\.validation_failed$/, 400],
  [/^common\.csrf_failed$/, 403],
  [/^common\.approver_scope$/, 403],
  [/^care\.exact_lookup_forbidden$/, 403],
  [/^care\.exact_lookup_limited$/, 429],
  [/^user\.(admin_target|second_admin_required)$/, 403],
  [/^user\.invalid_state$/, 409],
  [/^common\.forbidden$/, 403],
  [/^common\.conflict$/, 409],
  [/^common\.rate_limited$/, 429],
  [/^common\.internal$/, 500],
  [/^auth\.(unauthenticated|invalid_credentials|session_expired|challenge_invalid|totp_invalid|password_wrong)$/, 401],
  [/^auth\.account_locked$/, 423],
  [/^auth\.rate_limited$/, 429],
  [/^auth\.(password_weak|password_reused)$/, 400],
  [/^auth\.(totp_required|reauth_required)$/, 403],
  [/\.not_found$/, 404],
  [/\.(username_taken|code_taken)$/, 409],
  [/^user\.(role_conflict|cannot_change_self)$/, 400],
  [/^area\.(invalid_parent|merge_invalid)$/, 400],
  [/^audit\.chain_broken$/, 500],
  [/^audit\.unavailable$/, 503],
  [/^care\.duplicate_suspected$/, 409],
  [/^care\.ledger_unreadable$/, 400],
  [/^care\.ledger_too_large$/, 413],
  [/^care\.ledger_timeout$/, 422],
  [/^care\.import_busy$/, 429],
  [/^care\.consent_required$/, 403],
  [/^care\.invalid_state$/, 409],
  [/^care\.(visit_not_open|client_not_active)$/, 409],
];

export function statusForCode(code: ErrorCode): number {
  for (const [pattern, status] of STATUS_BY_PREFIX) if (pattern.test(code)) return status;
  return 400;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields?: { path: string; message: string }[],
    /** Shown to the developer log only, never to the client. */
    readonly internalDetail?: string,
  ) {
    super(code);
    this.status = statusForCode(code);
  }
}

export function notFound(code: ErrorCode = 'common.not_found'): AppError {
  return new AppError(code);
}

/** Maps every error to `{ code, message, fields? }`; stack traces and SQL never leave the server. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const lang = pickLang(request.headers['accept-language']);
    const send = (status: number, code: ErrorCode, fields?: ErrorBody['fields']) => {
      const body: ErrorBody = { code, message: ERROR_MESSAGES[code][lang], requestId: request.id };
      if (fields && fields.length) body.fields = fields;
      return reply.status(status).header('cache-control', 'no-store').send(body);
    };
    if (error instanceof AppError) return send(error.status, error.code, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // At most 100: a body of 70,000 bad array items must not answer with 70,000 messages.
      const fields = error.validation.slice(0, 100).map((issue) => ({
        path: issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: issue.message ?? 'invalid',
      }));
      return send(400, 'common.validation_failed', fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause?.issues }, 'response failed its schema');
      return send(500, 'common.internal');
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 429) return send(429, 'common.rate_limited');
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type).
      return send(status, 'common.validation_failed', [{ path: '', message: error.message }]);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'common.internal');
  });
  app.setNotFoundHandler((request, reply) => {
    const lang = pickLang(request.headers['accept-language']);
    return reply
      .status(404)
      .send({ code: 'common.not_found', message: ERROR_MESSAGES['common.not_found'][lang], requestId: request.id });
  });
}
