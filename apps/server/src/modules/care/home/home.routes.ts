import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CareHome } from '@linli/contracts';
import type { HomeService } from './home.service';

const tags = ['care'];

/** The 工作台's figures and first rows for the signed-in person (docs/care.md "工作台"). */
export function homeRoutes(home: HomeService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care/home',
      {
        schema: { tags, response: { 200: CareHome } },
        config: { permission: 'care.client.read', personalData: true },
      },
      (req) => home.summary(req.actor!),
    );
  };
}
