// Test-only helpers (this module's tests and route samples): a resident of a community who registered as a
// volunteer through the volunteers module's own route, confirmed by a worker when one is given.
import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '@linli/contracts';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';

let counter = 0;
function idNumber(): string {
  counter += 1;
  const n = counter + Math.floor(Math.random() * 1000) * 1000;
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  const first17 = `310104${1950 + (n % 50)}${month}${day}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A resident of `communityCode` who registered as a volunteer (赵志远); confirmed by `worker` when given. */
export async function makeVolunteer(
  app: FastifyInstance,
  communityCode: string,
  worker?: TestClient,
): Promise<{ client: TestClient; userId: string; volunteerId: string }> {
  const resident = await createUser(app.ctx, { roles: ['resident'], areas: [communityCode] });
  const client = new TestClient(app);
  await client.login(resident.username, resident.password);
  const reg = await client.post('/api/m/volunteer', {
    name: '赵志远',
    idType: 'resident_id',
    idNumber: idNumber(),
    skills: [],
    availability: [],
    emergencyName: '赵家属',
    emergencyPhone: '13800001234',
    consent: true,
  });
  if (reg.statusCode !== 200) throw new Error(`volunteer registration: ${reg.body}`);
  const volunteerId = (reg.json() as { record: { volunteer: { id: string } } }).record.volunteer.id;
  if (worker) {
    const confirmed = await worker.post(`/api/volunteers/${volunteerId}/confirm`);
    if (confirmed.statusCode !== 200) throw new Error(`volunteer confirm: ${confirmed.body}`);
  }
  return { client, userId: resident.id, volunteerId };
}

const HOUR = 3_600_000;

/** The body of POST /api/activities: a community activity from `start`, 2 hours long, one role of 2 seats. */
export function activityBody(areaCode: string, start: Date, extra: Record<string, unknown> = {}) {
  return {
    areaCode,
    title: '清洁家园',
    type: 'environment',
    address: '小区东门',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    roles: [{ name: '清扫', capacity: 2 }],
    ...extra,
  };
}
