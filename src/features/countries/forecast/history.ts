// The country's own episode history as features: DemSpaces' targets are episodes, and a country in
// (or lately out of) an episode is far likelier to have one in the next two years. The coder marks
// year i from the index up to year i+1, so at row t only the marks of t-1 and earlier are used.
import { episodeCoder, type Direction } from './episodes.ts';

export const HISTORY_FEATURES = [
  'upEpisodeLastYear',
  'yearsSinceUpEpisode',
  'upEpisodeYears10',
  'upEpisodeRate',
  'downEpisodeLastYear',
  'yearsSinceDownEpisode',
  'downEpisodeYears10',
  'downEpisodeRate',
] as const;

const CAP = 30;

/** Per row of one country's series (in year order): the eight history values, in HISTORY_FEATURES order. */
export function episodeHistory(series: readonly number[], cp: number): number[][] {
  const marks = (['up', 'down'] as Direction[]).map((d) => episodeCoder(series, cp, d));
  return series.map((_, k) =>
    marks.flatMap((ep) => {
      let since = CAP;
      let recent = 0;
      let total = 0;
      for (let i = k - 1; i >= 0; i--) {
        if (ep[i] !== 1) continue;
        total++;
        if (since === CAP) since = Math.min(CAP, k - 1 - i);
        if (k - i <= 10) recent++;
      }
      return [ep[k - 1] === 1 ? 1 : 0, since, recent, total / Math.max(1, k - 1)];
    }),
  );
}
