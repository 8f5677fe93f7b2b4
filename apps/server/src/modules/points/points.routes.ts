import type {} from './points.ids'; // this module's id kinds (IdKinds), for programs that compile this file alone
import type {} from '../volunteers'; // the 'volunteer' id kind
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, Id, PageQuery, XLSX_MIME } from '@linli/contracts';
import {
  MyPoints,
  PointAccountList,
  PointAccountListQuery,
  PointAdjustInput,
  PointAdjustResult,
  PointCommunitySummary,
  PointExportQuery,
  PointRuleInput,
  PointRules,
  PointStatement,
  PointTeamQuery,
  PointTeamStatement,
} from '@linli/contracts/modules/points';
import type { PointsService } from './points.service';

const tags = ['points'];
const params = z.object({ id: Id });
const codeParams = z.object({ code: AreaCode });

export function pointsRoutes(service: PointsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/points/accounts',
      {
        schema: { tags, querystring: PointAccountListQuery, response: { 200: PointAccountList } },
        config: { permission: 'points.read', personalData: true },
      },
      (req) => service.listAccounts(req.actor!, req.query),
    );
    app.get(
      '/api/points/statement',
      {
        schema: { tags, querystring: PageQuery.extend({ accountId: Id }), response: { 200: PointStatement } },
        config: { permission: 'points.read', personalData: true },
      },
      (req) => service.statement(req.actor!, req.query.accountId, req.query),
    );
    app.get(
      '/api/points/volunteers/:id',
      {
        schema: { tags, params, querystring: PageQuery, response: { 200: PointStatement } },
        config: { permission: 'points.read', personalData: true, idParams: { id: 'volunteer' } },
      },
      (req) => service.volunteerStatement(req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/points/community/:code',
      {
        schema: { tags, params: codeParams, response: { 200: PointCommunitySummary } },
        config: { permission: 'points.read', idParams: { code: 'area' } },
      },
      (req) => service.community(req.actor!, req.params.code),
    );
  };
}

/** Adjustments, rules, the export and the volunteer's own points on /m. */
export function pointsWriteRoutes(service: PointsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/points/adjustments',
      {
        schema: { tags, body: PointAdjustInput, response: { 200: PointAdjustResult } },
        config: { permission: 'points.adjust', personalData: true },
      },
      (req) => service.adjust(req.actor!, req.body),
    );
    app.get(
      '/api/points/rules/:code',
      {
        schema: { tags, params: codeParams, response: { 200: PointRules } },
        config: { permission: 'points.read', idParams: { code: 'area' } },
      },
      (req) => service.rules(req.actor!, req.params.code),
    );
    app.post(
      '/api/points/rules',
      {
        schema: { tags, body: PointRuleInput, response: { 200: PointRules } },
        config: { permission: 'points.rules' },
      },
      (req) => service.setRule(req.actor!, req.body),
    );
    app.get(
      '/api/points/export',
      {
        schema: {
          tags,
          querystring: PointExportQuery,
          response: { 200: z.any().describe('.xlsx file: sheet 积分流水 (transfers) and sheet 账户余额 (balances)') },
        },
        config: { permission: 'points.read', personalData: true },
      },
      async (req, reply) => {
        const buffer = await service.exportXlsx(req.actor!, req.query);
        return reply
          .header('content-type', XLSX_MIME)
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="points-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('积分台账.xlsx')}`,
          )
          .send(buffer);
      },
    );
    // A resident volunteer's own points on /m.
    app.get(
      '/api/m/points',
      {
        schema: { tags, querystring: PageQuery, response: { 200: MyPoints } },
        config: { permission: 'points.own' },
      },
      (req) => service.mine(req.actor!, req.query),
    );
  };
}

/** Per-team statements: a volunteer team's members with their points, on screen and as .xlsx. */
export function pointsTeamRoutes(service: PointsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/points/teams/:id',
      {
        schema: { tags, params, querystring: PointTeamQuery, response: { 200: PointTeamStatement } },
        config: { permission: 'points.read', personalData: true, idParams: { id: 'volunteer_team' } },
      },
      (req) => service.teamStatement(req.actor!, req.params.id, req.query),
    );
    app.get(
      '/api/points/teams/:id/export',
      {
        schema: {
          tags,
          params,
          querystring: PointTeamQuery,
          response: { 200: z.any().describe('.xlsx file: sheet 队伍积分 (members, balances, earned and spent)') },
        },
        config: { permission: 'points.read', personalData: true, idParams: { id: 'volunteer_team' } },
      },
      async (req, reply) => {
        const buffer = await service.exportTeamXlsx(req.actor!, req.params.id, req.query);
        return reply
          .header('content-type', XLSX_MIME)
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            `attachment; filename="points-team.xlsx"; filename*=UTF-8''${encodeURIComponent('队伍积分统计.xlsx')}`,
          )
          .send(buffer);
      },
    );
  };
}
