import type { FastifyInstance } from 'fastify';
import { UNSTORABLE_TEXT, findUnstorableText } from '@linli/contracts';
import { AppError } from './errors';

/**
 * Refuses, for every route at once, request values that PostgreSQL `text` cannot store (NUL, lone surrogates) in the
 * path parameters, query string and JSON body, before the route's schema runs: no service can hand one to the
 * database (it answered 500, finding F11). A raw body (the .xlsx upload, a Buffer) is not text and is left alone;
 * ledger cells are checked by ClientInput itself.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, Buffer.isBuffer(request.body) ? null : request.body]) {
      const path = findUnstorableText(part);
      if (path !== null) throw new AppError('common.validation_failed', [{ path, code: UNSTORABLE_TEXT }]);
    }
  });
}
