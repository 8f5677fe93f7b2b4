import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/platform/context';
import { TestClient } from '../harness';
import { createUser } from './org';
import { smallJpeg } from './photos';

/** A district officer of `district`, signed in (manages the district's category catalogue). */
export async function districtOfficer(app: FastifyInstance, district: string): Promise<TestClient> {
  const user = await createUser(app.ctx, { roles: ['district_officer'], areas: [district] });
  const client = new TestClient(app);
  await client.login(user.username, user.password);
  return client;
}

/** A category of the district's catalogue (one optional question), made through the catalogue's API. */
export async function createCategory(
  officer: TestClient,
  district: string,
  options: {
    signWorkingDays?: number;
    resolveWorkingDays?: number;
    urgency?: 'urgent' | 'normal';
    required?: boolean;
  } = {},
): Promise<{ id: string; code: string }> {
  const code = `c${randomUUID().slice(0, 8)}`;
  const res = await officer.post('/api/requests/catalogue/categories', {
    areaCode: district,
    code,
    group: '环境卫生',
    name: `路灯不亮${code.slice(1, 4)}`,
    questions: [
      {
        code: 'floor',
        label: '楼层',
        datatype: 'singlevaluelist',
        required: options.required ?? false,
        values: [
          { key: 'low', name: '低层' },
          { key: 'high', name: '高层' },
        ],
      },
    ],
    defaultUrgency: options.urgency ?? 'normal',
    signWorkingDays: options.signWorkingDays ?? 1,
    resolveWorkingDays: options.resolveWorkingDays ?? 3,
  });
  if (res.statusCode !== 200) throw new Error(`createCategory: ${res.body}`);
  return { id: (res.json() as { id: string }).id, code };
}

/** A place (building) of the community, written straight into its table. */
export async function insertPlace(
  ctx: AppContext,
  communityCode: string,
  point: { lat: number; long: number } | null = null,
): Promise<string> {
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.execute(sql`
    INSERT INTO community_places (id, area_code, name, kind, lat, long, created_by, created_at, updated_at)
    VALUES (${id}, ${communityCode}, ${'3号楼'}, 'building', ${point?.lat ?? null}, ${point?.long ?? null},
            ${randomUUID()}, ${now}, ${now})`);
  return id;
}

/** One photo uploaded by `client` (unclaimed): its upload id. */
export async function uploadPhoto(client: TestClient): Promise<string> {
  const res = await client.upload('/api/media/photos', await smallJpeg(), 'image/jpeg');
  if (res.statusCode !== 200) throw new Error(`uploadPhoto: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A partner organisation of the register held by `areaCode`, and a signed-in member account of it. */
export async function partnerMember(
  app: FastifyInstance,
  areaCode: string,
): Promise<{ organisationId: string; client: TestClient; userId: string }> {
  const ctx = app.ctx;
  const organisationId = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.execute(sql`
    INSERT INTO organisations (id, area_code, kind, name, status, created_at, updated_at)
    VALUES (${organisationId}, ${areaCode}, 'property_company', ${`物业公司${organisationId.slice(0, 4)}`}, 'active',
            ${now}, ${now})`);
  const user = await createUser(ctx, { roles: ['partner_member'], areas: [areaCode] });
  await ctx.db.execute(sql`UPDATE users SET organisation_id = ${organisationId} WHERE id = ${user.id}`);
  const client = new TestClient(app);
  await client.login(user.username, user.password);
  return { organisationId, client, userId: user.id };
}
