// A helpline's attainment over time, from the desk (which keeps the times of purged cases too): per week
// of opening, how many cases came, how many got a first reply within the target, the median time to that
// reply, and how many were resolved.
import type { AppContext } from '../../context.ts';
import { isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { firstResponseOf, resolvedOf } from './desk-rows.ts';
import { currentDesk } from './desk.ts';
import { requireHelplineWithDesk } from './helpline.ts';

export interface WeekFigures {
  /** The Monday the week starts on (UTC), YYYY-MM-DD. */
  week: string;
  opened: number;
  answered: number;
  withinTarget: number;
  /** Share of the week's cases answered within the target, 0-100; null for a week without cases. */
  share: number | null;
  medianMinutes: number | null;
  resolved: number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

export function mondayOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

export async function attainment(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  weeks = 12,
): Promise<{ targetMinutes: number; weeks: WeekFigures[] }> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) return { targetMinutes: 120, weeks: [] };
  const helpline = await requireHelplineWithDesk(ctx, orgId);
  const { desk } = await currentDesk(ctx, orgId, helpline);
  const target = helpline.doc.targetMinutes;
  const last = mondayOf(ctx.clock.now()).getTime();
  const starts = Array.from({ length: weeks }, (_, i) => last - (weeks - 1 - i) * 7 * DAY);
  const figures = starts.map((start) => ({ start, minutes: [] as number[], opened: 0, within: 0, resolved: 0 }));
  for (const row of desk.rows) {
    const opened = row.opened;
    const i = Math.floor((opened - starts[0]!) / (7 * DAY));
    const week = figures[i];
    if (!week) continue;
    const [resolvedAt, firstResponseAt] = [resolvedOf(row), firstResponseOf(row)];
    week.opened++;
    if (resolvedAt) week.resolved++;
    if (firstResponseAt) {
      const minutes = (new Date(firstResponseAt).getTime() - opened) / MINUTE;
      week.minutes.push(Math.round(minutes));
      if (minutes <= target) week.within++;
    }
  }
  return {
    targetMinutes: target,
    weeks: figures.map((w) => ({
      week: new Date(w.start).toISOString().slice(0, 10),
      opened: w.opened,
      answered: w.minutes.length,
      withinTarget: w.within,
      share: w.opened > 0 ? Math.round((w.within / w.opened) * 1000) / 10 : null,
      medianMinutes: median(w.minutes),
      resolved: w.resolved,
    })),
  };
}
