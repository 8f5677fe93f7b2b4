import { type Actor, hasPermission } from '../../../platform/access';
import { type AppContext, auditRead } from '../../../platform/context';
import { AppError } from '../../../platform/errors';
import { RateLimiter } from '../../../platform/rate-limit';

/**
 * Looking a person up by full ID or mobile number answers "is this the number?" — repeated, it rebuilds a masked
 * number (F4). So it is privileged (the reveal permission, for searches), counted per user per hour (searches,
 * duplicate checks, creates that check), refused past the budget, and audited with the field name (never the value).
 */
export class ExactLookupGuard {
  private readonly limiter: RateLimiter;
  constructor(private readonly ctx: AppContext) {
    this.limiter = new RateLimiter(ctx.clock, ctx.config.exactLookupsPerHour, 3600_000);
  }

  check(actor: Actor, field: 'idNumber' | 'phone', via: string, needsReveal: boolean): void {
    if (needsReveal && !hasPermission(actor, 'care.client.reveal')) {
      auditRead(this.ctx, actor, {
        action: 'client.lookup_exact',
        objectType: 'client',
        fields: [field],
        result: 'denied',
        detail: `${via}: no reveal permission`,
      });
      throw new AppError('care.exact_lookup_forbidden');
    }
    if (!this.limiter.hit(actor.userId)) {
      auditRead(this.ctx, actor, {
        action: 'client.lookup_exact',
        objectType: 'client',
        fields: [field],
        result: 'denied',
        detail: `${via}: over ${this.ctx.config.exactLookupsPerHour} per hour`,
      });
      throw new AppError('care.exact_lookup_limited');
    }
    auditRead(this.ctx, actor, { action: 'client.lookup_exact', objectType: 'client', fields: [field], detail: via });
  }
}
