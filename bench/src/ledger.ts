// Ledger import rows: valid GB 11643 ID numbers, names with their pinyin keys, the import community by name.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { idCheckCharacter } from '../../packages/contracts/src/id-number';
import { LEDGER_HEADINGS, writeLedger } from '../../apps/server/src/modules/care/ledger/ledger-format';
import { nameSearchKeys } from '../../apps/server/src/modules/care/clients/names';
import type { Engine } from './engine';
import { IMPORT_COMMUNITY, NAME_PARTS } from './generate';

export interface ImportRow {
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string;
  tier: 'red' | 'yellow' | 'blue';
}

/** Deterministic for (seed, count); different seeds give different people, so reruns create rather than skip. */
export function importRows(count: number, seed: number): ImportRow[] {
  const rows: ImportRow[] = [];
  const dayBase = Date.UTC(1930, 0, 1);
  const days = 16_000;
  for (let r = 0; r < count; r++) {
    const h = (r * 2654435761 + seed * 40503) >>> 0;
    const day = (seed * 7919 + r) % days;
    const serial = Math.floor(r / days) + 10 * (seed % 90) + 10; // 3 digits, unique per (day, r / days)
    const birth = new Date(dayBase + day * 86_400_000).toISOString().slice(0, 10);
    const sexDigit = serial % 10;
    const first17 = `110101${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
    const sur = NAME_PARTS.SURNAMES[h % NAME_PARTS.SURNAMES.length]!;
    const g1 = NAME_PARTS.GIVEN[(h >>> 8) % NAME_PARTS.GIVEN.length]!;
    const g2 = (h >>> 16) % 10 < 7 ? NAME_PARTS.GIVEN[(h >>> 20) % NAME_PARTS.GIVEN.length]! : null;
    const t = (h >>> 4) % 10;
    rows.push({
      name: `${sur[0]}${g1[0]}${g2 ? g2[0] : ''}`,
      idNumber: `${first17}${idCheckCharacter(first17)}`,
      sex: sexDigit % 2 === 1 ? 'male' : 'female',
      birthDate: birth,
      phone: `13${String((h % 900_000_000) + 100_000_000)}`,
      tier: t < 1 ? 'red' : t < 4 ? 'yellow' : 'blue',
    });
  }
  return rows;
}

const TIER_LABEL = { red: '红', yellow: '黄', blue: '蓝' } as const;

/** The ledger workbook in the server's own export layout (title row, headings, one row per client). */
export function ledgerXlsx(rows: ImportRow[]): Promise<Buffer> {
  return writeLedger(
    rows.map((r) => {
      const cells = Object.fromEntries(LEDGER_HEADINGS.map((h) => [h, ''])) as Record<
        (typeof LEDGER_HEADINGS)[number],
        string
      >;
      Object.assign(cells, {
        姓名: r.name,
        性别: r.sex === 'male' ? '男' : '女',
        身份证号: r.idNumber,
        联系电话: r.phone,
        所属社区: IMPORT_COMMUNITY.name,
        服务对象类别: '独居老人',
        照护等级: TIER_LABEL[r.tier],
      });
      return { cells };
    }),
    '兜底服务对象台账（基准导入）',
    'bench',
  );
}

const COLUMNS = [
  'id',
  'area_code',
  'name',
  'name_pinyin',
  'name_initials',
  'id_number_masked',
  'sex',
  'birth_date',
  'phone_masked',
  'categories',
  'tier',
  'status',
  'version',
  'created_at',
  'updated_at',
];

function clientTuple(r: ImportRow, i: number, now: string): string[] {
  const keys = nameSearchKeys(r.name);
  return [
    `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    IMPORT_COMMUNITY.code,
    r.name,
    keys.pinyin,
    keys.initials,
    `${r.idNumber.slice(0, 4)}**********${r.idNumber.slice(14)}`,
    r.sex,
    r.birthDate,
    `${r.phone.slice(0, 3)}****${r.phone.slice(7)}`,
    '{elderly_alone}',
    r.tier,
    'active',
    '1',
    now,
    now,
  ];
}

/**
 * The plain-SQL floor for an import: the same rows as client rows into a scratch copy of `clients` (same indexes),
 * by COPY on PostgreSQL or multi-row INSERTs of 1000 on PGlite. No encryption, no visits, no audit.
 */
export async function copyBaseline(
  engine: Engine,
  rows: ImportRow[],
): Promise<{ method: string; seconds: number; rowsPerSec: number }> {
  const now = new Date().toISOString();
  await engine.query('DROP TABLE IF EXISTS bench_scratch_clients');
  await engine.query('CREATE TABLE bench_scratch_clients (LIKE clients INCLUDING DEFAULTS INCLUDING INDEXES)');
  const start = performance.now();
  let method: string;
  if (engine.kind === 'postgres') {
    method = 'COPY FROM STDIN (pg-copy-streams)';
    const { from } = await import('pg-copy-streams');
    const conn = await engine.pg!.connect();
    try {
      const stream = conn.query(from(`COPY bench_scratch_clients (${COLUMNS.join(', ')}) FROM STDIN`));
      const lines = function* () {
        for (let i = 0; i < rows.length; i += 1000) {
          yield (
            rows
              .slice(i, i + 1000)
              .map((r, j) => clientTuple(r, i + j, now).join('\t'))
              .join('\n') + '\n'
          );
        }
      };
      await pipeline(Readable.from(lines()), stream);
    } finally {
      conn.release();
    }
  } else {
    method = 'multi-row INSERT, 1000 rows per statement';
    await engine.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = batch.map((r, j) => {
        const t = clientTuple(r, i + j, now);
        const base = params.length;
        params.push(...t);
        return `(${t.map((_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      await engine.query(
        `INSERT INTO bench_scratch_clients (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}`,
        params,
      );
    }
    await engine.query('COMMIT');
  }
  const seconds = (performance.now() - start) / 1000;
  await engine.query('DROP TABLE bench_scratch_clients');
  return { method, seconds, rowsPerSec: rows.length / seconds };
}
