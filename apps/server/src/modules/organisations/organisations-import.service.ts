import { randomUUID } from 'node:crypto';
import { type Lang, fieldMessage, labelledMessage } from '@linli/contracts';
import {
  ORGANISATION_HEADINGS,
  type OrganisationImportReport,
  type OrganisationListQuery,
} from '@linli/contracts/modules/organisations';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { readHeadedSheet } from '../../platform/xlsx-headed-sheet';
import { type CheckedRow, type RowReason, checkRow } from './organisation-rows';
import { eventRow, registerFields } from './organisation-record';
import {
  FIELD_LABELS,
  KIND_LABELS,
  STATUS_LABELS,
  SUBTYPE_LABELS,
  REGISTER_SHEET,
  type SheetRow,
  writeRegisterSheet,
} from './organisation-sheet';
import { organisationsPolicy } from './organisations.policy';
import {
  type OrganisationInsert,
  areaNames,
  findByName,
  findByUscc,
  insertEvents,
  insertOrganisations,
  listOrganisations,
  writableAreas,
} from './organisations.repository';

/** Caps of an import: a register is tens of rows per community, so these are generous and still small. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const IMPORT_MAX_ROWS = 2000;
const IMPORT_TIMEOUT_MS = 20_000;
const EXPORT_MAX_ROWS = 5000;

export interface ImportOutcome {
  report: Omit<OrganisationImportReport, 'rejected'> & { rejected: { row: number; reasons: RowReason[] }[] };
  rows: SheetRow[];
}

export function reportInLanguage(report: ImportOutcome['report'], lang: Lang): OrganisationImportReport {
  return {
    ...report,
    rejected: report.rejected.map(({ row, reasons }) => ({
      row,
      reasons: reasons.map((r) => ({
        ...r,
        message: labelledMessage(r.column, fieldMessage(r.code, lang, r.params) ?? r.code, lang),
      })),
    })),
  };
}

/** Excel import (dry run, then all-or-nothing) and export of the register, with the client ledger's row report. */
export class OrganisationsImportService {
  constructor(private readonly ctx: AppContext) {}

  private read(body: Buffer): Promise<SheetRow[]> {
    return readHeadedSheet(
      body,
      REGISTER_SHEET,
      { maxRows: IMPORT_MAX_ROWS, timeoutMs: IMPORT_TIMEOUT_MS },
      { unreadable: 'organisations.import_unreadable', tooLarge: 'organisations.import_too_large' },
    );
  }

  /** Each row checked and matched: 已存在 when the area holds the same USCC (or, without one, the same kind and name). */
  private async check(actor: Actor, rows: SheetRow[]) {
    const areas = await writableAreas(this.ctx.db, actor.scopePrefixes);
    const byText = (text: string) => areas.find((a) => a.code === text || a.name === text)?.code ?? null;
    const checked = rows.map((r) => checkRow(r, byText));
    const seen = new Set<string>();
    const fresh: CheckedRow[] = [];
    let existing = 0;
    for (const row of checked) {
      if (!row.input) continue;
      const key = row.input.uscc
        ? `${row.input.areaCode}|${row.input.uscc}`
        : `${row.input.areaCode}|${row.input.kind}|${row.input.name}`;
      if (seen.has(key)) {
        row.reasons.push({ column: row.input.uscc ? '统一社会信用代码' : '名称', code: 'care.ledger_id_repeated' });
        row.input = null;
        continue;
      }
      seen.add(key);
      const match = row.input.uscc
        ? await findByUscc(this.ctx.db, row.input.areaCode, row.input.uscc)
        : await findByName(this.ctx.db, row.input.areaCode, row.input.kind, row.input.name);
      if (match) existing++;
      else fresh.push(row);
    }
    return { checked, fresh, existing };
  }

  async importRegister(actor: Actor, body: Buffer, dryRun: boolean): Promise<ImportOutcome> {
    const rows = await this.read(body);
    const { checked, fresh, existing } = await this.check(actor, rows);
    const rejected = checked.filter((r) => r.reasons.length > 0).map((r) => ({ row: r.rowNumber, reasons: r.reasons }));
    const write = !dryRun && rejected.length === 0 && fresh.length > 0 && organisationsPolicy.canImport(actor);
    const now = this.ctx.clock.now();
    const inserts: OrganisationInsert[] = fresh.map((r) => ({
      id: randomUUID(),
      areaCode: r.input!.areaCode,
      ...registerFields(r.input!),
      status: r.status,
      version: 1,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    }));
    await this.ctx.db.transaction(async (tx) => {
      if (write) {
        await insertOrganisations(tx, inserts);
        await insertEvents(
          tx,
          inserts.map((o) =>
            eventRow({ id: o.id, areaCode: o.areaCode }, 'imported', { fields: [], changes: [] }, actor.userId, now),
          ),
        );
      }
      await auditInTx(this.ctx, tx, actor, {
        action: 'organisation.import',
        objectType: 'organisation',
        objectIds: write ? inserts.map((o) => o.id) : [],
        detail: `${dryRun ? 'dry run' : 'import'}: ${rows.length} rows, ${rejected.length} rejected, ${write ? inserts.length : 0} created`,
      });
    });
    const valid = checked.length - rejected.length;
    return {
      report: {
        total: rows.length,
        valid,
        created: write ? inserts.length : 0,
        toCreate: fresh.length,
        skippedExisting: existing,
        rejected,
        written: write,
      },
      rows,
    };
  }

  /** The rejected rows as uploaded, with a 错误原因 column (nothing is written). */
  async errorReport(actor: Actor, body: Buffer, lang: Lang): Promise<Buffer> {
    const rows = await this.read(body);
    const { checked } = await this.check(actor, rows);
    const out = checked
      .filter((r) => r.reasons.length > 0)
      .map((r) => {
        const cells = rows.find((s) => s.rowNumber === r.rowNumber)!.cells;
        const why = reportInLanguage(
          {
            total: 0,
            valid: 0,
            created: 0,
            toCreate: 0,
            skippedExisting: 0,
            written: false,
            rejected: [{ row: r.rowNumber, reasons: r.reasons }],
          },
          lang,
        );
        return [...sheetColumns(cells), why.rejected[0]!.reasons.map((x) => x.message).join('；')];
      });
    auditRead(this.ctx, actor, {
      action: 'organisation.import',
      objectType: 'organisation',
      detail: `error report: ${out.length} rows`,
    });
    return writeRegisterSheet(out, '导入错误', '错误原因');
  }

  async exportRegister(actor: Actor, query: Omit<OrganisationListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
    const { rows } = await listOrganisations(this.ctx.db, actor.scopePrefixes, {
      ...query,
      page: 1,
      pageSize: EXPORT_MAX_ROWS,
    });
    const names = await areaNames(this.ctx.db, [...new Set(rows.map((r) => r.areaCode))]);
    auditRead(this.ctx, actor, {
      action: 'organisation.export',
      objectType: 'organisation',
      objectIds: rows.map((r) => r.id),
      fields: ['name'],
    });
    return writeRegisterSheet(
      rows.map((r) =>
        sheetColumns({
          名称: r.name,
          类别: KIND_LABELS[r.kind],
          子类别: r.subtype ? (SUBTYPE_LABELS[r.subtype] ?? r.subtype) : '',
          统一社会信用代码: r.uscc ?? '',
          所属社区: names.get(r.areaCode) ?? r.areaCode,
          登记机关: r.registrationAuthority ?? '',
          登记日期: r.registeredOn ?? '',
          地址: r.address ?? '',
          服务领域: r.serviceFields.map((f) => FIELD_LABELS[f as keyof typeof FIELD_LABELS] ?? f).join('、'),
          评估等级: r.rating ?? '',
          评估日期: r.ratedOn ?? '',
          专业领域: r.expertField ?? '',
          资质: r.expertQualification ?? '',
          状态: STATUS_LABELS[r.status],
        }),
      ),
      '合作单位名录',
    );
  }
}

function sheetColumns(cells: SheetRow['cells']): string[] {
  return ORGANISATION_HEADINGS.map((h) => cells[h] ?? '');
}
