import type {
  RequestFigureRow,
  RequestFigures,
  RequestFiguresQuery,
  RequestPeriodQuery,
} from '@linli/contracts/modules/requests';
import { type Actor, codeInPrefixes, scopePrefix } from '../../../platform/access';
import type { AppContext } from '../../../platform/context';
import { addDays, daysBetween } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import {
  type FigureCounts,
  type PeriodScope,
  figuresByCategory,
  figuresByUnit,
  figuresTotal,
} from './figures.repository';

/** The longest period one figures request or export may cover (a year, leap day included). */
export const MAX_PERIOD_DAYS = 366;

/**
 * The period's bounds (Asia/Shanghai calendar days, both ends included) and the scope: the actor's jurisdiction, or
 * one area inside it (an area outside answers 404 like a missing one).
 */
export function periodScope(actor: Actor, query: RequestPeriodQuery): PeriodScope {
  const days = daysBetween(query.from, query.to);
  if (days < 0 || days >= MAX_PERIOD_DAYS) throw new AppError('requests.figures_period');
  if (query.areaCode && !codeInPrefixes(query.areaCode, actor.scopePrefixes)) throw new AppError('area.not_found');
  return {
    prefixes: query.areaCode ? [scopePrefix(query.areaCode)] : actor.scopePrefixes,
    start: new Date(`${query.from}T00:00:00+08:00`),
    end: new Date(`${addDays(query.to, 1)}T00:00:00+08:00`),
  };
}

const ratio = (n: number, base: number) => (base > 0 ? n / base : null);
/** Hours to two decimals: enough for a figure, and the same number on every engine. */
const hours = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);

function figureRow(key: string, kind: string, label: string, c: FigureCounts): RequestFigureRow {
  return {
    key,
    kind,
    label,
    received: c.received,
    accepted: c.accepted,
    acceptanceRate: ratio(c.accepted, c.received),
    signedOnTime: c.signedOnTime,
    signBase: c.signBase,
    signOnTimeRate: ratio(c.signedOnTime, c.signBase),
    resolvedOnTime: c.resolvedOnTime,
    resolveBase: c.resolveBase,
    resolveOnTimeRate: ratio(c.resolvedOnTime, c.resolveBase),
    satisfied: c.satisfied,
    basicallySatisfied: c.basicallySatisfied,
    dissatisfied: c.dissatisfied,
    unrated: c.unrated,
    // 未评价 is in the base and never in the numerator.
    satisfactionRate: ratio(
      c.satisfied + c.basicallySatisfied,
      c.satisfied + c.basicallySatisfied + c.dissatisfied + c.unrated,
    ),
    resolved: c.resolved,
    medianHoursToResolve: hours(c.medianHours),
    p90HoursToResolve: hours(c.p90Hours),
  };
}

/** 诉求统计: figures per unit or per category over the requests received in a period, in the actor's jurisdiction. */
export class RequestFiguresService {
  constructor(private readonly ctx: AppContext) {}

  async figures(actor: Actor, query: RequestFiguresQuery): Promise<RequestFigures> {
    const scope = periodScope(actor, query);
    const now = this.ctx.clock.now();
    const db = this.ctx.db;
    let rows: RequestFigureRow[];
    if (query.groupBy === 'category') {
      rows = (await figuresByCategory(db, scope, now)).map((r) =>
        figureRow(r.categoryId, r.code ?? '', r.name ?? r.code ?? r.categoryId, r),
      );
    } else {
      rows = (await figuresByUnit(db, scope, now)).map((r) => {
        const key = [r.unitKind, r.unitAreaCode, r.unitOrganisationId, r.unitDepartment].map((p) => p ?? '').join('|');
        // Requests not routed yet (待分拣) have no unit: the web names the kind.
        return r.unitKind
          ? figureRow(key, r.unitKind, r.unitLabel ?? r.unitDepartment ?? r.unitAreaCode ?? '', r)
          : figureRow('unrouted', 'unrouted', '', r);
      });
    }
    const total = figureRow('total', 'total', '', await figuresTotal(db, scope, now));
    return { from: query.from, to: query.to, groupBy: query.groupBy, asOf: now.toISOString(), rows, total };
  }
}
