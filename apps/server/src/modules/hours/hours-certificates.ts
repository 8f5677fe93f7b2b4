// Service certificates (志愿服务记录证明): issued by a community for the hours it recorded (谁记录谁证明), by staff
// for a volunteer or by the volunteer on /m; downloaded as a PDF; checked by anyone on the public page.
import { randomInt, randomUUID } from 'node:crypto';
import type {
  Certificate,
  CertificateInput,
  CertificateList,
  CertificateVerification,
} from '@linli/contracts/modules/hours';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { chinaToday } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { maskName } from '../../platform/masking';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { findVolunteerInScope, volunteerIdentity } from '../volunteers';
import { renderCertificatePdf } from './hours-pdf';
import { certificateView, hoursText } from './hours-view';
import { certificateActions, hoursPolicy } from './hours.policy';
import {
  type HourCertificateRow,
  allHourEntries,
  findCertificate,
  findCertificateByCode,
  findIssuer,
  insertCertificate,
  listCertificates,
  nextCertificateSeq,
  revokeCertificate,
} from './hours.repository';

/** A certificate and its PDF, for the download routes. */
export interface CertificateFile {
  row: HourCertificateRow;
  pdf: Buffer;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 12 characters from 31 (no 0/O, 1/I/L): about 59 bits. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const ID_TYPE_LABELS: Record<string, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permit: '外国人永久居留身份证',
};
export const idTypeLabel = (t: string) => ID_TYPE_LABELS[t] ?? t;

/** The issuing organisation's name as printed: the community's residents' committee. */
export function issuerNameOf(areaName: string): string {
  return areaName.endsWith('社区') ? `${areaName}居民委员会` : areaName;
}

/** Summarises the entries by content: the longest services first, at most eight lines. */
function summarise(entries: { content: string; minutes: number }[]): string {
  const by = new Map<string, { minutes: number; n: number }>();
  for (const e of entries) {
    const s = by.get(e.content) ?? { minutes: 0, n: 0 };
    s.minutes += e.minutes;
    if (e.minutes > 0) s.n += 1;
    by.set(e.content, s);
  }
  const lines = [...by]
    .filter(([, s]) => s.minutes > 0)
    .sort((a, b) => b[1].minutes - a[1].minutes)
    .map(([content, s]) => `${content}（${s.n} 次，${hoursText(s.minutes)} 小时）`);
  return lines.length > 8 ? [...lines.slice(0, 8), `等 ${lines.length} 项服务`].join('\n') : lines.join('\n');
}

/**
 * Issues a certificate in the caller's transaction for the hours `areaCode` recorded for the volunteer in the
 * period (reversals included, so corrected hours count as corrected). Returns the row; its code is printed.
 */
export async function issueCertificate(
  ctx: AppContext,
  tx: DbOrTx,
  actorId: string,
  volunteerId: string,
  input: CertificateInput,
): Promise<HourCertificateRow> {
  const area = await findArea(tx, input.areaCode);
  const issuer = await findIssuer(tx, input.areaCode);
  if (!area) throw new AppError('area.not_found');
  if (!issuer) throw new AppError('hours.issuer_not_set');
  const entries = await allHourEntries(tx, {
    prefixes: [input.areaCode],
    exactArea: input.areaCode,
    volunteerId,
    from: input.from,
    to: input.to,
  });
  const total = entries.reduce((n, e) => n + e.minutes, 0);
  if (entries.length === 0 || total <= 0) throw new AppError('hours.no_hours');
  const identity = await volunteerIdentity(ctx, tx, volunteerId);
  const now = ctx.clock.now();
  const seq = await nextCertificateSeq(tx);
  const row: HourCertificateRow = {
    id: randomUUID(),
    areaCode: input.areaCode,
    volunteerId,
    number: `ZYZM-${chinaToday(now).slice(0, 4)}-${String(seq).padStart(6, '0')}`,
    verifyCode: newVerificationCode(),
    maskedName: maskName(identity.name) ?? '—',
    periodFrom: input.from ?? entries[0]!.serviceDate,
    periodTo: input.to ?? entries[entries.length - 1]!.serviceDate,
    totalMinutes: total,
    entryCount: entries.filter((e) => e.minutes > 0 && !e.reversesEntryId).length,
    contentSummary: summarise(entries),
    issuerName: issuerNameOf(area.name),
    personInCharge: issuer.personInCharge,
    handlerName: issuer.handlerName,
    contactPhone: issuer.contactPhone,
    status: 'valid',
    revokedReason: null,
    issuedBy: actorId,
    issuedAt: now,
  };
  await insertCertificate(tx, row);
  return row;
}

/** The PDF of a stored certificate (the identity is read again, decrypted by the volunteers module). */
export async function certificatePdf(ctx: AppContext, row: HourCertificateRow, origin: string): Promise<Buffer> {
  const identity = await volunteerIdentity(ctx, ctx.db, row.volunteerId);
  return renderCertificatePdf({
    number: row.number,
    name: identity.name,
    idTypeLabel: idTypeLabel(identity.idType),
    idNumberMasked: identity.idNumberMasked,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    totalHours: hoursText(row.totalMinutes),
    entryCount: row.entryCount,
    content: row.contentSummary,
    issuerName: row.issuerName,
    personInCharge: row.personInCharge,
    handlerName: row.handlerName,
    contactPhone: row.contactPhone,
    issuedOn: chinaToday(row.issuedAt),
    verificationCode: row.verifyCode,
    verifyUrl: `${origin}/verify/${row.verifyCode}`,
    revoked: row.status === 'revoked',
  });
}

/** Staff's certificates: issue for a volunteer, list, download, revoke; and the public verification. */
export class CertificatesService {
  constructor(private readonly ctx: AppContext) {}

  private dto(actor: Actor, row: HourCertificateRow, withCode = false): Certificate {
    return {
      ...certificateView(row),
      ...(withCode ? { verificationCode: row.verifyCode } : {}),
      allowedActions: certificateActions(actor, row),
    };
  }

  async issue(actor: Actor, volunteerId: string, input: CertificateInput): Promise<Certificate> {
    const ref = await findVolunteerInScope(this.ctx.db, actor, volunteerId);
    if (!ref || !hoursPolicy.canWrite(actor, { areaCode: input.areaCode }))
      throw deniedNotFound(this.ctx, actor, 'volunteer', [volunteerId], 'hours.not_found');
    const row = await this.ctx.db.transaction(async (tx) => {
      const issued = await issueCertificate(this.ctx, tx, actor.userId, volunteerId, input);
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.certificate_issue',
        objectType: 'hour_certificate',
        objectIds: [issued.id, volunteerId],
        fields: ['total_minutes', 'period_from', 'period_to'],
      });
      return issued;
    });
    return this.dto(actor, row, true);
  }

  async list(
    actor: Actor,
    query: { volunteerId?: string | undefined; page: number; pageSize: number },
  ): Promise<CertificateList> {
    const { rows, total } = await listCertificates(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    auditRead(this.ctx, actor, {
      action: 'hours.certificates_list',
      objectType: 'hour_certificate',
      objectIds: rows.map((r) => r.id),
      fields: ['masked_name', 'total_minutes'],
    });
    return { items: rows.map((r) => this.dto(actor, r)), total, page: query.page, pageSize: query.pageSize };
  }

  private async inScope(actor: Actor, id: string): Promise<HourCertificateRow> {
    const row = await findCertificate(this.ctx.db, id);
    if (!row || !hoursPolicy.canRead(actor, row))
      throw deniedNotFound(this.ctx, actor, 'hour_certificate', [id], 'hours.not_found');
    return row;
  }

  async pdf(actor: Actor, id: string, origin: string): Promise<CertificateFile> {
    const row = await this.inScope(actor, id);
    auditRead(this.ctx, actor, {
      action: 'hours.certificate_download',
      objectType: 'hour_certificate',
      objectIds: [id, row.volunteerId],
      fields: ['name', 'id_number_masked'],
    });
    return { row, pdf: await certificatePdf(this.ctx, row, origin) };
  }

  async revoke(actor: Actor, id: string, reason: string): Promise<Certificate> {
    const row = await this.inScope(actor, id);
    if (!hoursPolicy.canWrite(actor, row))
      throw deniedNotFound(this.ctx, actor, 'hour_certificate', [id], 'hours.not_found');
    await this.ctx.db.transaction(async (tx) => {
      await revokeCertificate(tx, id, reason);
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.certificate_revoke',
        objectType: 'hour_certificate',
        objectIds: [id],
        fields: ['status', 'revoked_reason'],
      });
    });
    return this.dto(actor, (await findCertificate(this.ctx.db, id))!);
  }

  /** The public page's answer: only what the certificate itself says, with the name masked. */
  async verify(code: string): Promise<CertificateVerification> {
    const row = await findCertificateByCode(this.ctx.db, code.toUpperCase());
    if (!row) throw new AppError('hours.certificate_not_found');
    return {
      number: row.number,
      maskedName: row.maskedName,
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      totalHours: hoursText(row.totalMinutes),
      issuerName: row.issuerName,
      issuedOn: chinaToday(row.issuedAt),
      status: row.status,
    };
  }
}
