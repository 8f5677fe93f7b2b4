import {
  type IssuerSettings,
  type IssuerSettingsView,
  STAR_PRESETS,
  type StarRule,
  type StarRuleInput,
} from '@linli/contracts/modules/hours';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { districtOf, thresholdsFor } from './hours-stars';
import { hoursPolicy } from './hours.policy';
import { findIssuer, upsertIssuer, upsertStarRule } from './hours.repository';

/** Settings: a district's star thresholds (district officers) and who signs a community's certificates. */
export class HoursSettingsService {
  constructor(private readonly ctx: AppContext) {}

  private async district(actor: Actor, areaCode: string, write: boolean) {
    const area = await findArea(this.ctx.db, areaCode);
    const allowed = write ? hoursPolicy.canSet(actor, areaCode) : hoursPolicy.canRead(actor, { areaCode });
    if (!area || !allowed) throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
    if (area.level !== 'district' || districtOf(areaCode) !== areaCode) throw new AppError('hours.not_district');
    return area;
  }

  async starRule(actor: Actor, areaCode: string): Promise<StarRule> {
    // Staff of a street or community read their own district's thresholds (asking by the district's code or their own).
    const district = districtOf(areaCode);
    if (!hoursPolicy.canReadConfig(actor, areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
    const rule = await thresholdsFor(this.ctx.db, district);
    return { areaCode: district, ...rule };
  }

  async setStarRule(actor: Actor, input: StarRuleInput): Promise<StarRule> {
    await this.district(actor, input.areaCode, true);
    const thresholds = input.preset === 'custom' ? input.thresholds : [...STAR_PRESETS[input.preset]];
    if (thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1]!))
      throw new AppError('hours.thresholds_order', [{ path: 'thresholds', code: 'field.invalid_format' }]);
    await this.ctx.db.transaction(async (tx) => {
      await upsertStarRule(tx, {
        areaCode: input.areaCode,
        thresholds,
        preset: input.preset,
        updatedBy: actor.userId,
        updatedAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.star_rule_set',
        objectType: 'hour_star_rule',
        objectIds: [input.areaCode],
        fields: ['thresholds', 'preset'],
        detail: `${input.preset}: ${thresholds.join('/')}`,
      });
    });
    return this.starRule(actor, input.areaCode);
  }

  private async community(actor: Actor, areaCode: string, write: boolean) {
    // No community named and none held (a district officer asking without one): nothing to show.
    if (!areaCode) throw new AppError('area.not_found');
    const area = await findArea(this.ctx.db, areaCode);
    const allowed = write ? hoursPolicy.canSet(actor, areaCode) : hoursPolicy.canRead(actor, { areaCode });
    if (!area || area.level !== 'community' || !allowed)
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
    return area;
  }

  /** The issuer details staff see (the person in charge's and handler's names, a contact phone): an audited read. */
  async issuer(actor: Actor, areaCode: string): Promise<IssuerSettingsView> {
    await this.community(actor, areaCode, false);
    auditRead(this.ctx, actor, {
      action: 'hours.issuer_read',
      objectType: 'hour_issuer',
      objectIds: [areaCode],
      fields: ['person_in_charge', 'handler_name', 'contact_phone'],
    });
    return this.issuerView(areaCode);
  }

  private async issuerView(areaCode: string): Promise<IssuerSettingsView> {
    const row = await findIssuer(this.ctx.db, areaCode);
    return row
      ? {
          areaCode,
          personInCharge: row.personInCharge,
          handlerName: row.handlerName,
          contactPhone: row.contactPhone,
          configured: true,
        }
      : { areaCode, personInCharge: '', handlerName: '', contactPhone: '', configured: false };
  }

  async setIssuer(actor: Actor, input: IssuerSettings): Promise<IssuerSettingsView> {
    await this.community(actor, input.areaCode, true);
    await this.ctx.db.transaction(async (tx) => {
      await upsertIssuer(tx, { ...input, updatedBy: actor.userId, updatedAt: this.ctx.clock.now() });
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.issuer_set',
        objectType: 'hour_issuer',
        objectIds: [input.areaCode],
        fields: ['person_in_charge', 'handler_name', 'contact_phone'],
      });
    });
    return this.issuerView(input.areaCode);
  }
}
