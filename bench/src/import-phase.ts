// The ledger import over HTTP (after the endpoint phase): a 5,000-row pilot, then the full workbook, or as many rows as
// fit the time budget and the 20 MB body limit; the server's RSS peak sampled every 200 ms.
import { XLSX_MIME } from '../../packages/contracts/src/care';
import { BENCH_PASSWORD, IMPORT_COMMUNITY } from './generate';
import { login, upload, type Server } from './http';
import { importRows, ledgerXlsx, type copyBaseline } from './ledger';

export interface ImportResult {
  rowsTarget: number;
  fullFileBytes: number;
  rowsMeasured: number;
  fileBytes: number;
  capped: string | null;
  httpStatus: number;
  seconds: number;
  rowsPerSec: number;
  created: number | undefined;
  skippedExisting: number | undefined;
  rejected: number | undefined;
  peakRssMb: number;
  pilot: { rows: number; seconds: number; rowsPerSec: number; created: number };
  floor: Awaited<ReturnType<typeof copyBaseline>> | null;
  ratio: number | null;
}

const LIMIT = 20 * 1024 * 1024;

export async function importOverHttp(
  srv: Server,
  opts: {
    fullRows: ReturnType<typeof importRows>;
    runSeed: number;
    budgetSeconds: number;
    floor: Awaited<ReturnType<typeof copyBaseline>> | null;
    log: (s: string) => void;
  },
): Promise<ImportResult> {
  const { fullRows, log } = opts;
  const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  const importSession = await login(srv.base, IMPORT_COMMUNITY.worker, BENCH_PASSWORD);
  const fullFile = await ledgerXlsx(fullRows);
  log(
    `[bench] ledger import: ${fullRows.length}-row workbook is ${(fullFile.length / 1048576).toFixed(1)} MB (limit 20 MB)`,
  );
  // Pilot on 5,000 rows (other people) to see whether the full file can finish in a few minutes.
  const pilotRows = importRows(5000, opts.runSeed + 500_000);
  const pilot = await upload(
    srv.base,
    importSession,
    '/api/care/ledger/import',
    await ledgerXlsx(pilotRows),
    XLSX_MIME,
  );
  const pilotCreated = Number((pilot.json as { created?: number }).created ?? 0);
  const pilotRate = pilotRows.length / pilot.seconds;
  log(
    `  pilot 5000 rows: HTTP ${pilot.status}, ${fmt(pilot.seconds, 1)} s = ${fmt(pilotRate)} rows/s, created ${pilotCreated}, RSS ${srv.rssMb()} MB`,
  );
  const budget = opts.budgetSeconds;
  let measured = fullRows.length;
  let capped = '';
  if (fullFile.length > LIMIT)
    capped = `the ${fullRows.length}-row file is ${(fullFile.length / 1048576).toFixed(1)} MB, over the 20 MB body limit`;
  if (fullRows.length / pilotRate > budget)
    capped = `${capped ? `${capped}; ` : ''}projected ${fmt(fullRows.length / pilotRate)} s at the pilot rate, over the ${budget} s budget`;
  if (capped)
    measured = Math.max(
      5000,
      Math.min(fullRows.length, Math.floor(Math.min(budget * pilotRate * 0.8, fullRows.length))),
    );
  const file =
    measured === fullRows.length && fullFile.length <= LIMIT ? fullFile : await ledgerXlsx(fullRows.slice(0, measured));
  if (capped) log(`  capped: ${capped}; importing ${measured} rows (${(file.length / 1048576).toFixed(1)} MB)`);
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, srv.rssMb() ?? 0);
  }, 200);
  const res = await upload(srv.base, importSession, '/api/care/ledger/import', file, XLSX_MIME);
  clearInterval(rssTimer);
  const body = res.json as { total?: number; created?: number; skippedExisting?: number; rejected?: unknown[] };
  const rate = measured / res.seconds;
  log(
    `  import ${measured} rows: HTTP ${res.status}, ${fmt(res.seconds, 1)} s = ${fmt(rate)} rows/s; created ${body.created}, existing ${body.skippedExisting}, rejected ${body.rejected?.length}; peak RSS ${peakRss} MB`,
  );
  if (res.status !== 200) log(`  import answer: ${JSON.stringify(res.json).slice(0, 500)}`);
  return {
    rowsTarget: fullRows.length,
    fullFileBytes: fullFile.length,
    rowsMeasured: measured,
    fileBytes: file.length,
    capped: capped || null,
    httpStatus: res.status,
    seconds: res.seconds,
    rowsPerSec: rate,
    created: body.created,
    skippedExisting: body.skippedExisting,
    rejected: body.rejected?.length,
    peakRssMb: peakRss,
    pilot: { rows: pilotRows.length, seconds: pilot.seconds, rowsPerSec: pilotRate, created: pilotCreated },
    floor: opts.floor,
    ratio: opts.floor ? rate / opts.floor.rowsPerSec : null,
  };
}
