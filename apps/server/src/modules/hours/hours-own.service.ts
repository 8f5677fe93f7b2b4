import { randomUUID } from 'node:crypto';
import type { Certificate, CertificateInput, ClaimInput, HourClaim, MyHours } from '@linli/contracts/modules/hours';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { chinaToday } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findAreas } from '../org';
import { type VolunteerRef, findVolunteerByUser } from '../volunteers';
import { type CertificateFile, certificatePdf, issueCertificate } from './hours-certificates';
import { starStatus } from './hours-stars';
import { certificateView, claimView, entryView } from './hours-view';
import {
  findCertificate,
  findHourClaim,
  insertHourClaim,
  recordingAreas,
  reversedAmong,
  volunteerCertificates,
  volunteerClaims,
  volunteerEntries,
  volunteerTotalMinutes,
} from './hours.repository';

/** A volunteer's own hours on /m: history, stars, self-reported claims, certificates. */
export class HoursOwnService {
  constructor(private readonly ctx: AppContext) {}

  private async volunteer(actor: Actor, active = true): Promise<VolunteerRef> {
    const ref = await findVolunteerByUser(this.ctx.db, actor.userId);
    if (!ref || (active && ref.status !== 'active')) throw new AppError('hours.not_volunteer');
    return ref;
  }

  async mine(actor: Actor): Promise<MyHours> {
    const ref = await findVolunteerByUser(this.ctx.db, actor.userId);
    if (!ref)
      return {
        volunteer: false,
        volunteerId: null,
        homeAreaCode: null,
        totalMinutes: 0,
        stars: null,
        entries: [],
        claims: [],
        certificates: [],
        recordedBy: [],
      };
    const db = this.ctx.db;
    const [entries, claims, certificates, total, stars, areaCodes] = await Promise.all([
      volunteerEntries(db, ref.id),
      volunteerClaims(db, ref.id),
      volunteerCertificates(db, ref.id),
      volunteerTotalMinutes(db, ref.id),
      starStatus(db, ref.id, ref.areaCode),
      recordingAreas(db, ref.id),
    ]);
    const reversed = await reversedAmong(
      db,
      entries.map((e) => e.id),
    );
    const areas = await findAreas(db, areaCodes);
    auditRead(this.ctx, actor, {
      action: 'hours.mine',
      objectType: 'volunteer',
      objectIds: [ref.id],
      fields: ['minutes'],
    });
    return {
      volunteer: ref.status === 'active',
      volunteerId: ref.id,
      homeAreaCode: ref.areaCode,
      totalMinutes: total,
      stars,
      entries: entries.map((e) => entryView(e, reversed.has(e.id))),
      claims: claims.map(claimView),
      certificates: certificates.map((c) => ({ ...certificateView(c), verificationCode: c.verifyCode })),
      recordedBy: areaCodes.map((code) => ({ areaCode: code, name: areas.find((a) => a.code === code)?.name ?? code })),
    };
  }

  /** Self-reported hours for service outside an activity: filed with the volunteer's home community. */
  async claim(actor: Actor, input: ClaimInput): Promise<Omit<HourClaim, 'allowedActions' | 'volunteerName'>> {
    const ref = await this.volunteer(actor);
    if (input.serviceDate > chinaToday(this.ctx.clock.now()))
      throw new AppError('common.validation_failed', [{ path: 'serviceDate', code: 'field.not_in_future' }]);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await insertHourClaim(tx, {
        id,
        areaCode: ref.areaCode,
        volunteerId: ref.id,
        ...input,
        status: 'pending',
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.claim_submit',
        objectType: 'hour_claim',
        objectIds: [id],
        fields: ['minutes', 'content', 'place'],
      });
    });
    return claimView((await findHourClaim(this.ctx.db, id))!);
  }

  /** The volunteer asks a community that recorded their hours for a certificate (issued at once). */
  async issue(actor: Actor, input: CertificateInput): Promise<Certificate> {
    const ref = await this.volunteer(actor);
    const recorded = await recordingAreas(this.ctx.db, ref.id);
    if (!recorded.includes(input.areaCode)) throw new AppError('hours.no_hours');
    const row = await this.ctx.db.transaction(async (tx) => {
      const issued = await issueCertificate(this.ctx, tx, actor.userId, ref.id, input);
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.certificate_issue',
        objectType: 'hour_certificate',
        objectIds: [issued.id, ref.id],
        fields: ['total_minutes', 'period_from', 'period_to'],
      });
      return issued;
    });
    return { ...certificateView(row), verificationCode: row.verifyCode, allowedActions: ['download'] };
  }

  async pdf(actor: Actor, id: string, origin: string): Promise<CertificateFile> {
    const ref = await this.volunteer(actor, false);
    const row = await findCertificate(this.ctx.db, id);
    if (!row || row.volunteerId !== ref.id)
      throw deniedNotFound(this.ctx, actor, 'hour_certificate', [id], 'hours.not_found');
    auditRead(this.ctx, actor, {
      action: 'hours.certificate_download',
      objectType: 'hour_certificate',
      objectIds: [id],
      fields: ['name', 'id_number_masked'],
    });
    return { row, pdf: await certificatePdf(this.ctx, row, origin) };
  }
}
