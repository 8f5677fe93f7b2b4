// The core workflow's part of requests.samples.ts (route-table tests): a sample per route and its fixtures.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TestClient } from '../../../test/harness';
import type { RouteSample } from '../../../test/route-samples';
import { requestPhotos } from './requests.tables';

/** Answers to the catalogue samples' category questions (catalogue/catalogue.samples.ts). */
const SAMPLE_ANSWERS = { location_kind: 'building' };
const unit = (areaCode: string) => ({ kind: 'community', areaCode });

export const coreSamples: Record<string, RouteSample> = {
  'GET /api/requests': { query: 'status=submitted&q=%E8%B7%AF%E7%81%AF' },
  'GET /api/requests/queue': {},
  'POST /api/requests': {
    body: ({ org, fixtures }) => ({
      channel: 'walk_in',
      communityCode: org.communityA,
      categoryId: fixtures.request_category,
      attributes: SAMPLE_ANSWERS,
      description: '样例：楼道灯不亮',
      requesterName: '王五',
      requesterPhone: '13900001234',
    }),
  },
  'GET /api/requests/:id': {},
  'GET /api/requests/:id/duplicates': {},
  'POST /api/requests/:id/contact/reveal': {},
  // The fixture photo's bytes are not in the test data directory: the scope check and the audit row come first.
  'GET /api/requests/photos/:id': { auditStatus: 404 },
  'POST /api/requests/:id/triage': { body: () => ({ urgency: 'urgent' }) },
  'POST /api/requests/:id/route': { body: ({ org }) => ({ unit: unit(org.communityA) }) },
  'POST /api/requests/:id/merge': { body: ({ fixtures }) => ({ intoId: fixtures.request2 }) },
  'POST /api/requests/:id/reject': { body: () => ({ reason: '重复提交' }) },
  'POST /api/requests/:id/sign': {},
  'POST /api/requests/:id/transfer': {
    body: () => ({ unit: { kind: 'street_department', departmentName: '城管科' }, reason: '需街道处理' }),
  },
  'POST /api/requests/:id/notes': { body: () => ({ note: '已联系物业' }) },
  'POST /api/requests/:id/resolve': { body: () => ({ reply: '已处理' }) },
  'GET /api/m/requests': {},
  'GET /api/m/requests/categories': {},
  'POST /api/m/requests': {
    body: ({ fixtures }) => ({
      categoryId: fixtures.request_category,
      attributes: SAMPLE_ANSWERS,
      description: '样例：门口积水',
    }),
  },
  // Residents see only their own: the generic caller is not the fixture's requester (404, audited).
  'GET /api/m/requests/:id': { auditStatus: 404 },
  'POST /api/m/requests/:id/rating': { body: () => ({ rating: 'satisfied' }) },
  'GET /api/m/requests/photos/:id': { auditStatus: 404 },
};

/** Two requests of the community entered by the worker (the second is the merge target) and a photo of the first. */
export async function coreFixtures(worker: TestClient, communityCode: string, categoryId: string) {
  const ids: string[] = [];
  for (const description of ['测试诉求：路灯不亮', '测试诉求：路灯坏了']) {
    const res = await worker.post('/api/requests', {
      channel: 'phone',
      communityCode,
      categoryId,
      attributes: SAMPLE_ANSWERS,
      description,
      requesterName: '赵六',
      requesterPhone: '13900005678',
    });
    if (res.statusCode !== 200) throw new Error(`requests fixtures: ${res.body}`);
    ids.push((res.json() as { id: string }).id);
  }
  // The photo row is written directly: the route-table tests' app has no data directory for the bytes.
  const app = (worker as unknown as { app: FastifyInstance }).app;
  const photo = randomUUID();
  await app.ctx.db.insert(requestPhotos).values({
    id: photo,
    requestId: ids[0]!,
    areaCode: communityCode,
    stage: 'intake',
    storageKey: `photos/test/${photo}.jpg`,
    contentType: 'image/jpeg',
    width: 64,
    height: 48,
    createdAt: app.ctx.clock.now(),
  });
  return { request: ids[0]!, request2: ids[1]!, request_photo: photo };
}
