// Volunteering in the benchmark (issue 12): the generated volunteers, activities and charity supermarket of community
// 1, the reset before each check-in measurement, and the volunteers' sessions. Same volume at every scale (the
// workloads are one community's), loaded with set-based SQL like the rest of the dataset.
import { idCheckCharacter } from '../../packages/contracts/src/id-number';
import { CONSENT_VERSION } from '../../packages/contracts/src/modules/volunteers';
import { ABSOLUTE_SESSION_MS, IDLE_SECONDS } from '../../apps/server/src/modules/auth/session.service';
import { hashPassword } from '../../apps/server/src/modules/users/password-hash';
import { FieldCipher, randomToken, sha256 } from '../../apps/server/src/platform/crypto';
import type { Keys } from '../../apps/server/src/platform/keys';
import { maskIdNumber, maskName, maskPhone } from '../../apps/server/src/platform/masking';
import type { Engine } from './engine';
import { BENCH_PASSWORD, NAME_PARTS } from './generate';
import type { Session } from './http';

/** Active volunteers of community 1, each signed up for every one of the activities (one check-in each). */
export const VOLUNTEERS = 600;
export const ACTIVITIES = 50;
/** Stock of each item and points of each volunteer: enough for thousands of runs (a redemption takes 3 items, 66 points). */
const STOCK = 100_000_000;
const POINTS = 100_000_000;

const genId = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const sqlId = (prefix: string, n: string) => `('${prefix}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const P = {
  user: 'b1000000',
  volunteer: 'b2000000',
  activity: 'b3000000',
  role: 'b4000000',
  participation: 'b5000000',
  market: 'b6000000',
  item: 'b7000000',
  account: 'b8000000',
  transfer: 'b9000000',
  movement: 'ba000000',
};
export const BENCH_MARKET = genId(P.market, 1);
const MARKET_ACCOUNT = genId(P.account, VOLUNTEERS + 1);
const ISSUER_ACCOUNT = genId(P.account, VOLUNTEERS + 2);
const range = (prefix: string) => [genId(prefix, 0), `${prefix}-0000-4000-8000-ffffffffffff`] as const;

const ITEMS: [name: string, category: string, unit: string, price: number][] = [
  ['东北大米 5kg', 'grain_oil', '袋', 50],
  ['富强面粉 2.5kg', 'grain_oil', '袋', 25],
  ['花生油 1.8L', 'grain_oil', '桶', 60],
  ['挂面', 'grain_oil', '把', 8],
  ['洗衣液', 'daily', '瓶', 20],
  ['毛巾', 'daily', '条', 10],
  ['牙膏牙刷套装', 'daily', '套', 12],
  ['保温杯', 'daily', '个', 35],
  ['儿童文具套装', 'stationery', '套', 15],
  ['冬季棉手套', 'clothing', '副', 12],
  ['酱油', 'food', '瓶', 9],
  ['鸡蛋 30枚', 'food', '盒', 28],
];
/** The counter cart of every redemption (the same goods for everyone, as on a busy morning): rice ×1, noodles ×2. */
export const CART = [
  { itemId: genId(P.item, 1), quantity: 1 },
  { itemId: genId(P.item, 4), quantity: 2 },
];

export interface BenchVolunteer {
  userId: string;
  volunteerId: string;
  username: string;
  accountId: string;
}

/** One sign-up that can be checked in once: a volunteer and an activity. */
export interface CheckinPair {
  participationId: string;
  activityId: string;
  volunteerId: string;
  userId: string;
  username: string;
}

/**
 * Generates the volunteering data once per dataset (also into one generated before it existed): VOLUNTEERS resident
 * accounts with their volunteer rows, ACTIVITIES published activities of community 1 with one role each and every
 * volunteer signed up (VOLUNTEERS × ACTIVITIES sign-ups), one charity supermarket with ITEMS stocked from a donation,
 * and the points ledger: the community's issuer account, the supermarket's account and each volunteer's, credited
 * POINTS by one earn transfer.
 */
export async function ensureVolunteeringData(
  engine: Engine,
  community: string,
  workerId: string,
  keys: Keys,
  log: (s: string) => void,
): Promise<{ generated: boolean; seconds: number }> {
  const [have] = await engine.query('SELECT count(*)::int AS n FROM supermarkets WHERE id = $1', [BENCH_MARKET]);
  if (Number(have?.n ?? 0) > 0) return { generated: false, seconds: 0 };
  const started = performance.now();
  const cipher = new FieldCipher(keys);
  const { SURNAMES, GIVEN } = NAME_PARTS;
  const people = Array.from({ length: VOLUNTEERS }, (_, k) => {
    const name = `${SURNAMES[k % SURNAMES.length]![0]}${GIVEN[(k * 7) % GIVEN.length]![0]}${GIVEN[(k * 13 + 5) % GIVEN.length]![0]}`;
    const birth = `19${60 + (k % 40)}${String((k % 12) + 1).padStart(2, '0')}${String((k % 28) + 1).padStart(2, '0')}`;
    const first17 = `990100${birth}${String(k % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idCheckCharacter(first17);
    const phone = `1390${String(k).padStart(7, '0')}`;
    return {
      name,
      masked: maskName(name) ?? '*',
      birth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      idEnc: cipher.encrypt(idNumber),
      idBidx: cipher.blindIndex(`resident_id:${idNumber}`),
      idMasked: maskIdNumber(idNumber) ?? '',
      emergencyName: cipher.encrypt('家属'),
      emergencyPhone: cipher.encrypt(phone),
      emergencyPhoneMasked: maskPhone(phone) ?? '',
    };
  });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const V = VOLUNTEERS;
  const C = `'${community}'`;
  const W = `'${workerId}'::uuid`;
  const items = ITEMS.map(([n, c, u, p], k) => `(${k + 1}, '${n}', '${c}', '${u}', ${p})`).join(', ');
  await engine.withConnection(async (q) => {
    await q('BEGIN');
    await q(
      `INSERT INTO users (id, username, display_name, password_hash, password_changed_at, created_at, updated_at)
         SELECT ${sqlId(P.user, 'i')}, 'bv' || lpad(i::text, 4, '0'), e.v->>'name', $2, now(), now(), now()
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY e(v, i)`,
      [JSON.stringify(people), passwordHash],
    );
    await q(
      `INSERT INTO volunteers (id, area_code, user_id, status, name, name_masked, id_type, id_number_enc, id_number_bidx,
         id_number_masked, gender, birth_date, skills, availability, emergency_name_enc, emergency_name_masked,
         emergency_phone_enc, emergency_phone_masked, consent_version, consented_at, decided_by, decided_at, created_at, updated_at)
       SELECT ${sqlId(P.volunteer, 'i')}, ${C}, ${sqlId(P.user, 'i')}, 'active', v->>'name', v->>'masked', 'resident_id',
         v->>'idEnc', v->>'idBidx', v->>'idMasked', CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, (v->>'birth')::date,
         ARRAY['陪伴'], ARRAY['weekend'], v->>'emergencyName', '家*', v->>'emergencyPhone', v->>'emergencyPhoneMasked',
         '${CONSENT_VERSION}', now() - interval '200 days', ${W}, now() - interval '190 days', now() - interval '200 days', now()
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY e(v, i)`,
      [JSON.stringify(people)],
    );
    await q(`
      INSERT INTO user_roles SELECT ${sqlId(P.user, 'i')}, 'resident' FROM generate_series(1, ${V}) i;
      INSERT INTO user_areas SELECT ${sqlId(P.user, 'i')}, ${C} FROM generate_series(1, ${V}) i;
      INSERT INTO activities (id, area_code, organiser_kind, organiser_id, organiser_name, title, description, type, address,
          starts_at, ends_at, recurrence, signup_opens_at, signup_closes_at, requirements, serves_kind, serves_ref, status,
          created_by, created_at, updated_at)
        SELECT ${sqlId(P.activity, 'a')}, ${C}, 'staff', ${W}, '社区工作者1', '基准志愿活动' || a, '基准活动说明',
          (ARRAY['elderly','children','environment','civility','safety','culture','health'])[1 + a % 7], '基准路' || a || '号',
          now() - interval '10 minutes', now() + interval '3 hours', 'none', now() - interval '7 days',
          now() - interval '10 minutes', '', 'none', '', 'published', ${W}, now() - interval '7 days', now() - interval '7 days'
        FROM generate_series(1, ${ACTIVITIES}) a;
      INSERT INTO activity_roles (id, activity_id, area_code, position, name, description, capacity, registered_count)
        SELECT ${sqlId(P.role, 'a')}, ${sqlId(P.activity, 'a')}, ${C}, 0, '志愿者', '', ${V}, ${V} FROM generate_series(1, ${ACTIVITIES}) a;
      INSERT INTO activity_participations (id, activity_id, role_id, area_code, volunteer_id, user_id, state, starts_at, ends_at,
          registered_at, updated_at)
        SELECT ${sqlId(P.participation, `(a - 1) * ${V} + i`)}, ${sqlId(P.activity, 'a')}, ${sqlId(P.role, 'a')}, ${C},
          ${sqlId(P.volunteer, 'i')}, ${sqlId(P.user, 'i')}, 'registered', now() - interval '10 minutes',
          now() + interval '3 hours', now() - interval '3 days', now() - interval '3 days'
        FROM generate_series(1, ${ACTIVITIES}) a, generate_series(1, ${V}) i;
      INSERT INTO supermarkets (id, area_code, name, address, opening_hours, active, created_by, created_at, updated_at)
        VALUES ('${BENCH_MARKET}', ${C}, '基准爱心超市', '社区党群服务中心一楼', '每天 9:00-17:00', true, ${W},
          now() - interval '30 days', now() - interval '30 days');
      INSERT INTO supermarket_items (id, supermarket_id, area_code, name, category, unit, price_points, stock, active,
          created_by, created_at, updated_at)
        SELECT ${sqlId(P.item, 'k')}, '${BENCH_MARKET}', ${C}, n, c, u, p, ${STOCK}, true, ${W}, now() - interval '30 days',
          now() - interval '30 days' FROM (VALUES ${items}) v(k, n, c, u, p);
      INSERT INTO supermarket_stock_movements (id, area_code, supermarket_id, item_id, kind, quantity, stock_after,
          donor_kind, donor_name, created_by, created_at)
        SELECT ${sqlId(P.movement, 'k')}, ${C}, '${BENCH_MARKET}', ${sqlId(P.item, 'k')}, 'donation', ${STOCK}, ${STOCK},
          'organisation', '基准爱心企业', ${W}, now() - interval '30 days' FROM generate_series(1, ${ITEMS.length}) k;
      INSERT INTO point_accounts (id, area_code, kind, owner_id, balance, created_at) VALUES
        ('${ISSUER_ACCOUNT}', ${C}, 'issuer', ${C}, ${-V * POINTS}, now() - interval '30 days'),
        ('${MARKET_ACCOUNT}', ${C}, 'supermarket', '${BENCH_MARKET}', 0, now() - interval '30 days');
      INSERT INTO point_accounts (id, area_code, kind, owner_id, balance, created_at)
        SELECT ${sqlId(P.account, 'i')}, ${C}, 'volunteer', ${sqlId(P.volunteer, 'i')}::text, ${POINTS}, now() - interval '30 days'
        FROM generate_series(1, ${V}) i;
      INSERT INTO point_transfers (id, area_code, from_account, to_account, points, kind, ref_type, ref_id, memo, created_by, created_at)
        SELECT ${sqlId(P.transfer, 'i')}, ${C}, '${ISSUER_ACCOUNT}', ${sqlId(P.account, 'i')}, ${POINTS}, 'earn', 'bench_seed',
          ${sqlId(P.volunteer, 'i')}::text, '基准初始积分', ${W}, now() - interval '30 days' FROM generate_series(1, ${V}) i;
      INSERT INTO point_postings (area_code, account_id, transfer_id, points, kind, counterpart_kind, memo, ref_type, ref_id, created_at)
        SELECT ${C}, ${sqlId(P.account, 'i')}, ${sqlId(P.transfer, 'i')}, ${POINTS}, 'earn', 'issuer', '基准初始积分', 'bench_seed',
          ${sqlId(P.volunteer, 'i')}::text, now() - interval '30 days' FROM generate_series(1, ${V}) i
        UNION ALL
        SELECT ${C}, '${ISSUER_ACCOUNT}', ${sqlId(P.transfer, 'i')}, ${-POINTS}, 'earn', 'volunteer', '基准初始积分', 'bench_seed',
          ${sqlId(P.volunteer, 'i')}::text, now() - interval '30 days' FROM generate_series(1, ${V}) i;`);
    await q('COMMIT');
    await q('ANALYZE activity_participations; ANALYZE point_accounts; ANALYZE volunteers');
  });
  const seconds = (performance.now() - started) / 1000;
  log(
    `  volunteering: ${V} volunteers, ${ACTIVITIES} activities (${V * ACTIVITIES} sign-ups), 1 supermarket with ${ITEMS.length} items in ${seconds.toFixed(1)} s`,
  );
  return { generated: true, seconds };
}

export async function benchVolunteers(engine: Engine): Promise<BenchVolunteer[]> {
  const [from, to] = range(P.volunteer);
  const rows = await engine.query(
    `SELECT v.id AS volunteer_id, v.user_id, u.username, a.id AS account_id FROM volunteers v
       JOIN users u ON u.id = v.user_id JOIN point_accounts a ON a.kind = 'volunteer' AND a.owner_id = v.id::text
     WHERE v.id BETWEEN $1 AND $2 ORDER BY v.id`,
    [from, to],
  );
  return rows.map((r) => ({
    volunteerId: String(r.volunteer_id),
    userId: String(r.user_id),
    username: String(r.username),
    accountId: String(r.account_id),
  }));
}

/**
 * Before each check-in measurement: the activities run from ten minutes ago for three hours (check-in is open), and
 * every sign-up is back to registered and not checked in. Returns the sign-ups in a fixed shuffled order, so
 * consecutive check-ins are different volunteers at different activities.
 */
export async function prepareCheckins(engine: Engine, startsAt: Date, endsAt: Date): Promise<CheckinPair[]> {
  const [from, to] = range(P.activity);
  const times = [startsAt.toISOString(), endsAt.toISOString(), from, to];
  await engine.query(
    `UPDATE activities SET starts_at = $1, ends_at = $2, signup_closes_at = $1, status = 'published', updated_at = now()
     WHERE id BETWEEN $3 AND $4 AND (starts_at <> $1 OR ends_at <> $2 OR status <> 'published')`,
    times,
  );
  await engine.query(
    `UPDATE activity_participations SET state = 'registered', checked_in_at = NULL, check_in_window = NULL,
       checked_out_at = NULL, check_out_window = NULL, minutes = NULL, attendance_by = NULL, confirmed_at = NULL,
       confirmed_by = NULL, starts_at = $1, ends_at = $2, updated_at = now()
     WHERE activity_id BETWEEN $3 AND $4 AND (checked_in_at IS NOT NULL OR state <> 'registered' OR starts_at <> $1 OR ends_at <> $2)`,
    times,
  );
  const rows = await engine.query(
    `SELECT p.id, p.activity_id, p.volunteer_id, p.user_id, u.username FROM activity_participations p
       JOIN users u ON u.id = p.user_id
     WHERE p.activity_id BETWEEN $1 AND $2 ORDER BY md5(p.id::text)`,
    [from, to],
  );
  return rows.map((r) => ({
    participationId: String(r.id),
    activityId: String(r.activity_id),
    volunteerId: String(r.volunteer_id),
    userId: String(r.user_id),
    username: String(r.username),
  }));
}

/**
 * A session for every bench volunteer, written as the server's login would (token hashed into the id, a CSRF
 * token, the resident idle timeout), replacing the previous run's: logging 600 residents in over HTTP would spend
 * minutes in argon2id. Returns user id → session.
 */
export async function openVolunteerSessions(
  engine: Engine,
  volunteers: BenchVolunteer[],
): Promise<Map<string, Session>> {
  const [from, to] = range(P.user);
  const rows = volunteers.map((v) => ({ token: randomToken(32), csrf: randomToken(24), userId: v.userId }));
  await engine.query('DELETE FROM sessions WHERE user_id BETWEEN $1 AND $2', [from, to]);
  await engine.query(
    `INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, idle_seconds, ip, user_agent)
       SELECT v->>'id', (v->>'userId')::uuid, v->>'csrf', now(), now(), now() + $2::double precision * interval '1 millisecond', $3::int,
         '127.0.0.1', 'linli-bench' FROM jsonb_array_elements($1::jsonb) v`,
    [JSON.stringify(rows.map((r) => ({ ...r, id: sha256(r.token) }))), ABSOLUTE_SESSION_MS, IDLE_SECONDS],
  );
  return new Map(rows.map((r) => [r.userId, { cookie: `linli_sid=${r.token}`, csrf: r.csrf }]));
}
