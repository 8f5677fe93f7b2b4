import type {} from './requests.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, PageQuery } from '@linli/contracts';
import {
  RequestContact,
  RequestDetail,
  RequestDuplicates,
  RequestIntakeResult,
  RequestList,
  RequestListQuery,
  RequestMergeInput,
  RequestNoteInput,
  RequestRejectInput,
  RequestResolveInput,
  RequestRouteInput,
  RequestStaffIntakeInput,
  RequestStepResult,
  RequestTransferInput,
  RequestTriageInput,
} from '@linli/contracts/modules/requests';
import type { RequestsPermission } from '@linli/contracts/modules/requests';
import type { RequestFilingService } from './filing.service';
import type { RequestHandlingService } from './handling.service';
import type { RequestsService } from './requests.service';
import type { RequestTriageService } from './triage.service';

const tags = ['requests'];
const byId = { params: z.object({ id: Id }) };
const idParams = { id: 'request' } as const;
type Step = { id: string; status: RequestStepResult['status']; rowVersion: number };
const step = (row: Step): RequestStepResult => ({ id: row.id, status: row.status, version: row.rowVersion });

export interface RequestServices {
  reads: RequestsService;
  filing: RequestFilingService;
  triage: RequestTriageService;
  handling: RequestHandlingService;
}

/** Staff routes: list, queue, intake, detail, reveal, photos, then one POST per workflow step. */
export function requestsRoutes(s: RequestServices): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { permission: 'requests.read', personalData: true } as const;
    app.get(
      '/api/requests',
      { schema: { tags, querystring: RequestListQuery, response: { 200: RequestList } }, config: read },
      (req) => s.reads.list(req.actor!, req.query),
    );
    app.get(
      '/api/requests/queue',
      {
        schema: { tags, querystring: PageQuery, response: { 200: RequestList } },
        config: { permission: 'requests.handle', personalData: true },
      },
      (req) => s.reads.queue(req.actor!, req.query),
    );
    app.post(
      '/api/requests',
      {
        schema: { tags, body: RequestStaffIntakeInput, response: { 200: RequestIntakeResult } },
        config: { permission: 'requests.intake', personalData: true },
      },
      (req) => s.filing.intake(req.actor!, req.body),
    );
    app.get(
      '/api/requests/:id',
      { schema: { tags, ...byId, response: { 200: RequestDetail } }, config: { ...read, idParams } },
      (req) => s.reads.detail(req.actor!, req.params.id),
    );
    app.get(
      '/api/requests/:id/duplicates',
      {
        schema: { tags, ...byId, response: { 200: RequestDuplicates } },
        config: { permission: 'requests.triage', personalData: true, idParams },
      },
      (req) => s.reads.duplicates(req.actor!, req.params.id),
    );
    app.post(
      '/api/requests/:id/contact/reveal',
      {
        schema: { tags, ...byId, response: { 200: RequestContact } },
        config: { permission: 'requests.contact.reveal', personalData: true, idParams },
      },
      (req) => s.reads.reveal(req.actor!, req.params.id),
    );
    app.get(
      '/api/requests/photos/:id',
      {
        schema: { tags, ...byId, response: { 200: z.any().describe('the photo (JPEG)') } },
        config: { ...read, idParams: { id: 'request_photo' } },
      },
      async (req, reply) => {
        const photo = await s.reads.photo(req.actor!, req.params.id);
        return reply.header('content-type', photo.contentType).header('cache-control', 'no-store').send(photo.data);
      },
    );
    stepRoutes(app, s);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];

function stepRoutes(app: App, s: RequestServices): void {
  const post = <B extends z.ZodType>(
    path: string,
    permission: RequestsPermission,
    body: B | null,
    run: (actor: NonNullable<import('fastify').FastifyRequest['actor']>, id: string, body: z.infer<B>) => Promise<Step>,
  ) =>
    app.post(
      `/api/requests/:id/${path}`,
      {
        schema: { tags, ...byId, ...(body ? { body } : {}), response: { 200: RequestStepResult } },
        config: { permission, idParams },
      },
      async (req) => step(await run(req.actor!, (req.params as { id: string }).id, req.body as z.infer<B>)),
    );
  post('triage', 'requests.triage', RequestTriageInput, (a, id, b) => s.triage.update(a, id, b));
  post('route', 'requests.triage', RequestRouteInput, (a, id, b) => s.triage.route(a, id, b));
  post('merge', 'requests.triage', RequestMergeInput, (a, id, b) => s.triage.merge(a, id, b));
  post('reject', 'requests.triage', RequestRejectInput, (a, id, b) => s.triage.reject(a, id, b));
  post('sign', 'requests.handle', null, (a, id) => s.handling.sign(a, id));
  post('transfer', 'requests.handle', RequestTransferInput, (a, id, b) => s.handling.transfer(a, id, b));
  post('notes', 'requests.handle', RequestNoteInput, (a, id, b) => s.handling.note(a, id, b));
  post('resolve', 'requests.handle', RequestResolveInput, (a, id, b) => s.handling.resolve(a, id, b));
}
