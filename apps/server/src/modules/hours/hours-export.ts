// Exports of the ledger: the CSV for the national volunteer information system (全国志愿服务信息系统; layout in
// docs/hours.md) and .xlsx statements per volunteer, activity or community, optionally of one team's members.
import ExcelJS from 'exceljs';
import { type ExportQuery, NATIONAL_CSV_COLUMNS, type StatementQuery } from '@linli/contracts/modules/hours';
import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { chinaToday } from '../../platform/dates';
import { deniedNotFound } from '../../platform/request-context';
import { findAreas } from '../org';
import { volunteerIdentity } from '../volunteers';
import { idTypeLabel } from './hours-certificates';
import { maskedNames, teamFilter } from './hours.service';
import { hoursText } from './hours-view';
import { hoursPolicy } from './hours.policy';
import { type HourEntryRow, allHourEntries } from './hours.repository';

const ACTIVITY_TYPE_ZH: Record<string, string> = {
  elderly: '助老服务',
  children: '关爱儿童',
  disability: '助残服务',
  environment: '环境保护',
  civility: '文明实践',
  safety: '平安建设',
  culture: '文体科普',
  health: '卫生健康',
  companionship: '陪伴服务',
  other: '其他',
};
export const activityTypeZh = (t: string) => ACTIVITY_TYPE_ZH[t] ?? t;

const SOURCE_ZH = { activity: '活动记录', self_report: '个人申报', correction: '更正冲销' } as const;

/** A spreadsheet cannot run what a cell says: text starting like a formula gets a leading apostrophe. */
function safe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const v = safe(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

type Group = { label: string; minutes: number; entries: number; volunteers: Set<string> };

/** Totals per volunteer (masked name), per activity (or self-reported content) or per community. */
function groupEntries(
  rows: HourEntryRow[],
  by: StatementQuery['by'],
  names: Map<string, string>,
  areas: Map<string, string>,
): Map<string, Group> {
  const keyOf = (r: HourEntryRow): [string, string] =>
    by === 'activity'
      ? [r.activityId ?? `self:${r.content}`, r.activityId ? r.content : `${r.content}（个人申报）`]
      : by === 'community'
        ? [r.areaCode, areas.get(r.areaCode) ?? r.areaCode]
        : [r.volunteerId, names.get(r.volunteerId) ?? '—'];
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const [key, label] = keyOf(r);
    const g = groups.get(key) ?? { label, minutes: 0, entries: 0, volunteers: new Set<string>() };
    g.minutes += r.minutes;
    if (r.minutes > 0) g.entries += 1;
    g.volunteers.add(r.volunteerId);
    groups.set(key, g);
  }
  return groups;
}

/** Who a CSV row names: the ID number masked (the plain export) or full (an approved export, hours-id-export). */
export interface CsvIdentity {
  name: string;
  idType: string;
  idNumber: string;
}

/** The national CSV's text (layout in docs/hours.md): UTF-8 with a BOM, CRLF line ends, one row per entry. */
export async function nationalCsvText(
  db: DbOrTx,
  rows: readonly HourEntryRow[],
  identities: ReadonlyMap<string, CsvIdentity>,
): Promise<string> {
  const areas = new Map((await findAreas(db, [...new Set(rows.map((r) => r.areaCode))])).map((a) => [a.code, a.name]));
  const lines = [NATIONAL_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const who = identities.get(r.volunteerId)!;
    lines.push(
      [
        who.name,
        idTypeLabel(who.idType),
        who.idNumber,
        r.serviceDate,
        hoursText(r.minutes),
        r.reason ? `${r.content}（${r.reason}）` : r.content,
        activityTypeZh(r.activityType),
        r.source === 'activity' ? r.content : '',
        r.organiserName || areas.get(r.areaCode) || r.areaCode,
        areas.get(r.areaCode) ?? r.areaCode,
        chinaToday(r.createdAt),
        SOURCE_ZH[r.source],
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export class HoursExportService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * The entries in scope matching the query; with a team, only its members' entries within their spells. The
   * approved full-ID export (hours-id-export.service.ts) reads its rows here too, as the requester narrowed to the
   * approved areas.
   */
  async entries(actor: Actor, query: ExportQuery): Promise<{ rows: HourEntryRow[]; team: string | null }> {
    if (query.areaCode && !hoursPolicy.canRead(actor, { areaCode: query.areaCode }))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const team = await teamFilter(this.ctx, actor, query);
    const rows = await allHourEntries(this.ctx.db, { prefixes: actor.scopePrefixes, ...query, spells: team?.spells });
    return { rows, team: team ? team.team.name : null };
  }

  /** UTF-8 with a BOM, CRLF line ends, one row per entry (reversals as negative hours); ID numbers masked. */
  async nationalCsv(actor: Actor, query: ExportQuery): Promise<string> {
    const { rows } = await this.entries(actor, query);
    const ids = [...new Set(rows.map((r) => r.volunteerId))];
    const identities = new Map<string, CsvIdentity>();
    for (const id of ids) {
      const who = await volunteerIdentity(this.ctx, this.ctx.db, id);
      identities.set(id, { name: who.name, idType: who.idType, idNumber: who.idNumberMasked });
    }
    const csv = await nationalCsvText(this.ctx.db, rows, identities);
    auditRead(this.ctx, actor, {
      action: 'hours.export_csv',
      objectType: 'hour_entry',
      objectIds: rows.slice(0, 1000).map((r) => r.id),
      fields: ['name', 'id_number_masked', 'minutes', 'content'],
      detail: `${query.teamId ? `team ${query.teamId}: ` : ''}${rows.length} rows`,
    });
    return csv;
  }

  /**
   * Totals per volunteer (masked names), per activity or per community, and the entries on a second sheet; with a
   * team, the summary sheet is headed by the team's name and counts its members' hours within their spells only.
   */
  async statement(actor: Actor, query: StatementQuery): Promise<Buffer> {
    if (!hoursPolicy.canExport(actor)) throw deniedNotFound(this.ctx, actor, 'hour_entry', [], 'hours.not_found');
    const { rows, team } = await this.entries(actor, query);
    const names = await maskedNames(
      this.ctx.db,
      rows.map((r) => r.volunteerId),
    );
    const areas = new Map(
      (await findAreas(this.ctx.db, [...new Set(rows.map((r) => r.areaCode))])).map((a) => [a.code, a.name]),
    );
    const groups = groupEntries(rows, query.by, names, areas);
    const book = new ExcelJS.Workbook();
    const head = { volunteer: '志愿者', activity: '活动/服务内容', community: '记录社区' }[query.by];
    const sum = book.addWorksheet('汇总');
    if (team) sum.addRow([`志愿队伍：${team}（队员在队期间的服务时长）`]).font = { bold: true };
    sum.addRow([head, '服务时长(小时)', '记录条数', '志愿者人数']).font = { bold: true };
    for (const g of [...groups.values()].sort((a, b) => b.minutes - a.minutes))
      sum.addRow([safe(g.label), Number(hoursText(g.minutes)), g.entries, g.volunteers.size]);
    sum.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 16));
    const detail = book.addWorksheet('明细');
    detail.addRow([
      '服务日期',
      '志愿者',
      '服务时长(小时)',
      '服务内容',
      '服务类别',
      '组织单位',
      '记录社区',
      '类型',
      '更正原因',
    ]).font = { bold: true };
    for (const r of rows)
      detail.addRow([
        r.serviceDate,
        names.get(r.volunteerId) ?? '—',
        Number(hoursText(r.minutes)),
        safe(r.content),
        activityTypeZh(r.activityType),
        safe(r.organiserName),
        areas.get(r.areaCode) ?? r.areaCode,
        SOURCE_ZH[r.source],
        safe(r.reason ?? ''),
      ]);
    detail.columns.forEach((c) => (c.width = 18));
    auditRead(this.ctx, actor, {
      action: 'hours.export_xlsx',
      objectType: 'hour_entry',
      objectIds: rows.slice(0, 1000).map((r) => r.id),
      fields: ['minutes', 'content'],
      detail: `${query.by}${query.teamId ? ` team ${query.teamId}` : ''}: ${rows.length} rows`,
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
