import { type FieldCode, type Lang, fieldMessage, isFieldCode, labelledMessage } from '@linli/contracts';
import type { HotlineHeading, HotlineImportReport } from '@linli/contracts/modules/requests';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { readHeadedSheet } from '../../../platform/xlsx-headed-sheet';
import { districtOf, intakeRequest } from '../intake.service';
import { type CheckedRow, type RowReason, checkRow } from './hotline-rows';
import { HOTLINE_SHEET, type SheetRow, sheetColumns, writeHotlineSheet } from './hotline-sheet';
import { activeCategories, communitiesInScope, existingExternalRefs } from './hotline.repository';

/** Caps of an import: a day's work orders of a street are tens to hundreds, so these are generous and still small. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const IMPORT_MAX_ROWS = 2000;
const IMPORT_TIMEOUT_MS = 20_000;

type Rejected = { row: number; reasons: RowReason[] };
export type RawReport = Omit<HotlineImportReport, 'rejected'> & { rejected: Rejected[] };

export function reportInLanguage(report: RawReport, lang: Lang): HotlineImportReport {
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

/** Where intakeRequest's field issues belong on the sheet. */
const COLUMN_OF_PATH: Record<string, HotlineHeading> = {
  communityCode: '所属社区',
  categoryId: '诉求类别',
  description: '诉求内容',
  requesterName: '诉求人',
  requesterPhone: '联系电话',
  addressString: '地址',
};
function intakeReasons(error: AppError): RowReason[] {
  if (!error.fields?.length) return [{ column: null, code: 'field.invalid' }];
  return error.fields.map((f) => ({
    column: COLUMN_OF_PATH[f.path] ?? (f.path.startsWith('attributes') ? '诉求类别' : null),
    code: (isFieldCode(f.code) ? f.code : 'field.invalid') as FieldCode,
    ...(f.params ? { params: f.params } : {}),
  }));
}

/** Thrown to roll the import's transaction back (a dry run, or a row intake refused). */
class Rollback extends Error {}

/**
 * 12345 hotline work orders from Excel, with the client ledger's row report: checked (a dry run) or imported, all or
 * nothing. Each new row goes through intakeRequest (channel hotline_12345, received at 来电时间, 工单编号 as the
 * external reference) inside one transaction — the dry run too, rolled back — so the check answers exactly what the
 * import would. A 工单编号 the community already has is 已存在 and skipped, so importing a file again writes nothing.
 */
export class HotlineImportService {
  constructor(private readonly ctx: AppContext) {}

  private read(body: Buffer): Promise<SheetRow[]> {
    return readHeadedSheet(
      body,
      HOTLINE_SHEET,
      { maxRows: IMPORT_MAX_ROWS, timeoutMs: IMPORT_TIMEOUT_MS },
      { unreadable: 'requests.import_unreadable', tooLarge: 'requests.import_too_large' },
    );
  }

  /** Each row checked and matched against the communities' existing work orders. */
  private async check(db: DbOrTx, actor: Actor, rows: SheetRow[]) {
    const communities = await communitiesInScope(db, actor.scopePrefixes);
    const community = (text: string) => {
      const hits = communities.filter((c) => c.code === text || c.name === text);
      return hits.length === 1 ? hits[0]!.code : null;
    };
    const categories = await activeCategories(db, [...new Set(communities.map((c) => districtOf(c.code)))]);
    const category = (communityCode: string, text: string) => {
      const inDistrict = categories.filter((c) => c.districtCode === districtOf(communityCode));
      const byCode = inDistrict.find((c) => c.code === text);
      const byName = inDistrict.filter((c) => c.name === text);
      return byCode ?? (byName.length > 1 ? ('ambiguous' as const) : (byName[0] ?? null));
    };
    const checked = rows.map((r) => checkRow(r, { community, category, now: this.ctx.clock.now() }));
    const seen = new Set<string>();
    for (const row of checked) {
      if (!row.input) continue;
      const key = `${row.input.communityCode}|${row.input.externalRef}`;
      if (seen.has(key)) {
        row.reasons.push({ column: '工单编号', code: 'care.ledger_id_repeated' });
        row.input = null;
      }
      seen.add(key);
    }
    const valid = checked.filter((r) => r.input);
    const existing = await existingExternalRefs(
      db,
      valid.map((r) => ({ areaCode: r.input!.communityCode, externalRef: r.input!.externalRef })),
    );
    const fresh = valid.filter((r) => !existing.has(`${r.input!.communityCode}|${r.input!.externalRef}`));
    return { checked, fresh, existing: valid.length - fresh.length };
  }

  /** Runs intake for each fresh row; a refused row gets its reasons (intake checks in code before it writes). */
  private async intake(tx: DbOrTx, actor: Actor, fresh: CheckedRow[]): Promise<string[]> {
    const ids: string[] = [];
    for (const row of fresh) {
      const input = row.input!;
      try {
        const made = await intakeRequest(this.ctx, tx, actor, { channel: 'hotline_12345', ...input });
        ids.push(made.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        row.reasons.push(...intakeReasons(error));
      }
    }
    return ids;
  }

  async importOrders(actor: Actor, body: Buffer, dryRun: boolean): Promise<{ report: RawReport; rows: SheetRow[] }> {
    const rows = await this.read(body);
    // Filled inside the transaction, read after it (committed or rolled back).
    const state: { outcome?: { checked: CheckedRow[]; fresh: CheckedRow[]; existing: number; ids: string[] } } = {};
    try {
      await this.ctx.db.transaction(async (tx) => {
        const { checked, fresh, existing } = await this.check(tx, actor, rows);
        const ids = await this.intake(tx, actor, fresh);
        state.outcome = { checked, fresh, existing, ids };
        const rejected = checked.filter((r) => r.reasons.length > 0).length;
        if (dryRun || rejected > 0) throw new Rollback();
        await this.audit(tx, actor, dryRun, rows.length, 0, ids);
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    const { checked, fresh, existing, ids } = state.outcome!;
    const rejected = checked.filter((r) => r.reasons.length > 0).map((r) => ({ row: r.rowNumber, reasons: r.reasons }));
    const written = !dryRun && rejected.length === 0;
    if (!written)
      await this.ctx.db.transaction((tx) => this.audit(tx, actor, dryRun, rows.length, rejected.length, []));
    return {
      report: {
        total: rows.length,
        valid: checked.length - rejected.length,
        created: written ? ids.length : 0,
        toCreate: fresh.filter((r) => r.reasons.length === 0).length,
        skippedExisting: existing,
        rejected,
        written: written && ids.length > 0,
      },
      rows,
    };
  }

  private audit(tx: DbOrTx, actor: Actor, dryRun: boolean, total: number, rejected: number, ids: string[]) {
    return auditInTx(this.ctx, tx, actor, {
      action: 'requests.import',
      objectType: 'request',
      objectIds: ids.slice(0, 1000),
      detail: `${dryRun ? 'dry run' : 'import'}: ${total} rows, ${rejected} rejected, ${ids.length} created`,
    });
  }

  /** The rejected rows as uploaded, with a 错误原因 column (nothing is written). */
  async errorReport(actor: Actor, body: Buffer, lang: Lang): Promise<Buffer> {
    const { report, rows } = await this.importOrders(actor, body, true);
    const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
    const out = reportInLanguage(report, lang).rejected.map((r) => [
      ...sheetColumns(byRow.get(r.row)!.cells),
      r.reasons.map((x) => x.message).join('；'),
    ]);
    auditRead(this.ctx, actor, {
      action: 'requests.import',
      objectType: 'request',
      detail: `error report: ${out.length} rows`,
    });
    return writeHotlineSheet(out, '导入错误', '错误原因');
  }
}
