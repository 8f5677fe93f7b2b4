// Test-only helpers (this module's tests and route samples): a confirmed volunteer, and points for them booked through
// the points ledger from the community's issuing account as an award would be.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '@linli/contracts';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';
import type { AppContext } from '../../platform/context';
import { ensurePointAccount, transferPoints } from '../points';

export async function giveTestPoints(ctx: AppContext, volunteerId: string, communityCode: string, points: number) {
  await ctx.db.transaction(async (tx) => {
    const from = await ensurePointAccount(tx, { kind: 'issuer', ownerId: communityCode, areaCode: communityCode });
    const to = await ensurePointAccount(tx, { kind: 'volunteer', ownerId: volunteerId, areaCode: communityCode });
    await transferPoints(ctx, tx, {
      from,
      to,
      points,
      kind: 'adjust',
      refType: 'test_award',
      refId: randomUUID(),
      areaCode: communityCode,
      memo: 'test award',
      actorUserId: null,
    });
  });
}

let seq = 0;
/** A valid resident ID number no other call of this process returns. */
function uniqueIdNumber(): string {
  seq += 1;
  const n = seq + Math.floor(Math.random() * 1_000_000) * 1000;
  const first17 = `110105${1950 + (n % 50)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

const register = (client: TestClient) =>
  client.post('/api/m/volunteer', {
    name: '李志愿',
    idType: 'resident_id',
    idNumber: uniqueIdNumber(),
    skills: ['other'],
    availability: ['weekend'],
    emergencyName: '李家属',
    emergencyPhone: '13800001234',
    consent: true,
  });

/**
 * A resident of `communityCode` who registered as a volunteer on /m (through the volunteers module's routes, as a
 * phone would), confirmed by `worker` when given.
 */
export async function makeTestVolunteer(
  app: FastifyInstance,
  communityCode: string,
  worker?: TestClient,
): Promise<{ client: TestClient; userId: string; volunteerId: string }> {
  const resident = await createUser(app.ctx, { roles: ['resident'], areas: [communityCode] });
  const client = new TestClient(app);
  await client.login(resident.username, resident.password);
  // A random ID number may meet one another test registered: draw again.
  let res = await register(client);
  for (let i = 0; i < 5 && res.statusCode === 409; i++) res = await register(client);
  if (res.statusCode !== 200) throw new Error(`volunteer registration: ${res.body}`);
  const volunteerId = (res.json() as { record: { volunteer: { id: string } } }).record.volunteer.id;
  if (worker) {
    const confirmed = await worker.post(`/api/volunteers/${volunteerId}/confirm`);
    if (confirmed.statusCode !== 200) throw new Error(`volunteer confirm: ${confirmed.body}`);
  }
  return { client, userId: resident.id, volunteerId };
}
