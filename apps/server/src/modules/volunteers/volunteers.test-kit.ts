// Test-only helpers (used by this module's tests and route samples, and by other modules' tests through a direct
// import): a resident of a community who registered as a volunteer, confirmed by a worker when asked.
import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '@linli/contracts';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';

let counter = 0;

/** A valid resident ID number no other call of this process returns (the sequence digits and birth date vary). */
export function uniqueIdNumber(): string {
  counter += 1;
  const n = counter + Math.floor(Math.random() * 1000) * 1000;
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
  const year = 1950 + (Math.floor(n / 336) % 50);
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `510107${year}${month}${day}${seq}`;
  return first17 + idCheckCharacter(first17);
}

export function registration(overrides: Record<string, unknown> = {}) {
  return {
    name: '王志愿',
    idType: 'resident_id',
    idNumber: uniqueIdNumber(),
    skills: ['medical', 'driving'],
    availability: ['weekend'],
    emergencyName: '王家属',
    emergencyPhone: '13800001234',
    consent: true,
    ...overrides,
  };
}

/** A resident of `communityCode` who registered; confirmed by `worker` when given. */
export async function makeVolunteer(
  app: FastifyInstance,
  communityCode: string,
  worker?: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<{ client: TestClient; userId: string; volunteerId: string }> {
  const resident = await createUser(app.ctx, { roles: ['resident'], areas: [communityCode] });
  const client = new TestClient(app);
  await client.login(resident.username, resident.password);
  const res = await client.post('/api/m/volunteer', registration(overrides));
  if (res.statusCode !== 200) throw new Error(`volunteer registration: ${res.body}`);
  const volunteerId = (res.json() as { record: { volunteer: { id: string } } }).record.volunteer.id;
  if (worker) {
    const confirmed = await worker.post(`/api/volunteers/${volunteerId}/confirm`);
    if (confirmed.statusCode !== 200) throw new Error(`volunteer confirm: ${confirmed.body}`);
  }
  return { client, userId: resident.id, volunteerId };
}
