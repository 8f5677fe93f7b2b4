// Test-only helpers (this module's tests and route samples): a confirmed volunteer of a community, and hours
// credited to them through the real creditHours.
import type { FastifyInstance } from 'fastify';
import { idCheckCharacter } from '@linli/contracts';
import { createUser } from '../../../test/factories/org';
import { TestClient } from '../../../test/harness';
import { creditHours } from './hours-credit';

let counter = 0;
function idNumber(): string {
  counter += 1;
  const n = counter + Math.floor(Math.random() * 1000) * 1000;
  const first17 = `110105${1950 + (n % 50)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A resident of `communityCode` who registered as a volunteer (张明华), confirmed by `worker`. */
export async function makeHoursVolunteer(
  app: FastifyInstance,
  communityCode: string,
  worker: TestClient,
): Promise<{ id: string; userId: string; client: TestClient }> {
  const resident = await createUser(app.ctx, { roles: ['resident'], areas: [communityCode] });
  const client = new TestClient(app);
  await client.login(resident.username, resident.password);
  const reg = await client.post('/api/m/volunteer', {
    name: '张明华',
    idType: 'resident_id',
    idNumber: idNumber(),
    skills: [],
    availability: [],
    emergencyName: '李红',
    emergencyPhone: '13800000001',
    consent: true,
  });
  if (reg.statusCode !== 200) throw new Error(`register: ${reg.body}`);
  const id = (reg.json() as { record: { volunteer: { id: string } } }).record.volunteer.id;
  const confirmed = await worker.post(`/api/volunteers/${id}/confirm`);
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.body}`);
  return { id, userId: resident.id, client };
}

/** Credits `minutes` to the volunteer as an activity's confirmed attendance in `areaCode`. */
export function creditForTest(
  app: FastifyInstance,
  input: { volunteerId: string; areaCode: string; minutes: number; confirmedBy: string; participationId?: string },
) {
  return app.ctx.db.transaction((tx) =>
    creditHours(app.ctx, tx, {
      volunteerId: input.volunteerId,
      areaCode: input.areaCode,
      activityId: null,
      participationId: input.participationId ?? null,
      serviceDate: '2026-02-20',
      minutes: input.minutes,
      content: '助老送餐',
      activityType: 'elderly',
      organiserName: '一号社区',
      confirmedBy: input.confirmedBy,
    }),
  );
}
