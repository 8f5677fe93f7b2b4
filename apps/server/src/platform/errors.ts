import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  type ErrorBody,
  type ErrorCode,
  ERRORS,
  type FieldError,
  type FieldIssue,
  type Lang,
  fieldIssueOf,
  fieldMessage,
} from '@linli/contracts';
import { ERROR_MESSAGES, pickLang } from './messages';

/** The HTTP status of a code, from the shared catalogue (packages/contracts/src/error-codes.ts). */
export function statusForCode(code: ErrorCode): number {
  return ERRORS[code].status;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** What is wrong with which field, as codes of FIELD_MESSAGES: the handler adds the words in the request's language. */
    readonly fields?: FieldIssue[],
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

/** A field issue as the API answers it: with its message in the language asked for. */
export function toFieldError(issue: FieldIssue, lang: Lang): FieldError {
  const message = fieldMessage(issue.code, lang, issue.params) ?? issue.code;
  return issue.params
    ? { path: issue.path, code: issue.code, params: issue.params, message }
    : { path: issue.path, code: issue.code, message };
}

/** Maps every error to `{ code, message, fields? }`; stack traces and SQL never leave the server. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const lang = pickLang(request.headers['accept-language']);
    const send = (status: number, code: ErrorCode, fields?: FieldIssue[]) => {
      const body: ErrorBody = { code, message: ERROR_MESSAGES[code][lang], requestId: request.id };
      if (fields && fields.length) body.fields = fields.map((field) => toFieldError(field, lang));
      return reply.status(status).header('cache-control', 'no-store').send(body);
    };
    if (error instanceof AppError) return send(error.status, error.code, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // At most 100: a body of 70,000 bad array items must not answer with 70,000 messages. A schema's own message
      // is a field code; any other check gets the code for its kind (field-messages.ts), so no zod English leaks.
      const fields = error.validation.slice(0, 100).map((issue): FieldIssue => ({
        path: issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        ...fieldIssueOf({ ...(issue.params as object), code: issue.keyword, message: issue.message }),
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
      return send(status, 'common.validation_failed', [
        { path: '', code: 'field.malformed_request', params: { detail: error.message } },
      ]);
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
