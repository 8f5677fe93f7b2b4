import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** only our own origin; antd injects <style> tags, hence 'unsafe-inline' for styles only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every answer carries; `config` is the matched route's (undefined when nothing matched). */
export function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  config: FastifyContextConfig | undefined,
): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  reply.header('cross-origin-opener-policy', 'same-origin');
  if (!config?.ownContentSecurityPolicy) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  // Everything is `no-store` unless its route says it is a cacheable file of the web app.
  if (!config?.cacheable || reply.statusCode >= 400) reply.header('cache-control', 'no-store');
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  // Decided from the matched route's config, never from the URL text (F1: `/%61pi/...` reaches `/api/...` routes).
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply, request.is404 ? undefined : request.routeOptions.config);
    return payload;
  });
}
