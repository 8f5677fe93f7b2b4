import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { XLSX_MIME } from '@linli/contracts';
import { RequestFigures, RequestFiguresQuery, RequestPeriodQuery } from '@linli/contracts/modules/requests';
import type { AppContext } from '../../../platform/context';
import { RequestFiguresService } from './figures.service';
import { RequestLedgerExportService } from './ledger-export.service';

const tags = ['requests'];

/** 诉求统计 (figures per unit or category) and the request ledger export for a period. */
export function requestFiguresRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const figures = new RequestFiguresService(ctx);
  const ledger = new RequestLedgerExportService(ctx);
  return async (app) => {
    app.get(
      '/api/requests/figures',
      {
        schema: { tags, querystring: RequestFiguresQuery, response: { 200: RequestFigures } },
        config: { permission: 'requests.figures' },
      },
      async (req) => figures.figures(req.actor!, req.query),
    );
    app.get(
      '/api/requests/ledger/export',
      {
        schema: {
          tags,
          querystring: RequestPeriodQuery,
          response: { 200: z.any().describe('.xlsx file: one row per request received in the period (masked)') },
        },
        config: { permission: 'requests.figures', personalData: true },
      },
      async (req, reply) => {
        const { buffer } = await ledger.exportLedger(req.actor!, req.query);
        const name = `诉求台账-${req.query.from}-${req.query.to}.xlsx`;
        return reply
          .header('content-type', XLSX_MIME)
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="requests-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(buffer);
      },
    );
  };
}
