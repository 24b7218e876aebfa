// The figures' rules without a database: medians, DemSpaces' one-year cutpoint rule (at the cutpoint
// counts, just below does not, float noise does not tip it), and where a support mechanism works.
import { describe, expect, it } from 'vitest';
import { latest, median, mediansByYear, significantChanges } from './analysis.ts';
import type { CountryYear, Cutpoint } from './model.ts';
import type { Mechanism } from '../directory/service.ts';
import { reachOf } from './service.ts';

const year = (y: number, ccsi: number | null, pubcorr: number | null = 0.5): CountryYear => ({
  year: y,
  v2xcs_ccsi: ccsi,
  v2x_freexp_altinf: 0.5,
  v2xcl_rol: 0.5,
  v2x_veracc_osp: 0.5,
  v2x_horacc_osp: 0.5,
  v2x_pubcorr: pubcorr,
});
const CUTS: Cutpoint[] = [
  { indicator: 'v2xcs_ccsi', up: 0.05, down: 0.05 },
  { indicator: 'v2x_pubcorr', up: 0.03, down: 0.03 },
];

describe('medians', () => {
  it('take the middle value, or the mean of the two middle ones, and skip missing values', () => {
    expect(median([0.3, 0.1, 0.2])).toBe(0.2);
    expect(median([0.4, 0.1, 0.2, 0.3])).toBeCloseTo(0.25);
    expect(median([])).toBeNull();
    const m = mediansByYear([year(2000, 0.2), year(2000, null), year(2000, 0.6), year(2001, 0.9)], [1999, 2000, 2001]);
    expect(m.v2xcs_ccsi).toEqual([null, 0.4, 0.9]);
  });
});

describe('significant changes', () => {
  it('count a change at least as large as the cutpoint, most recent first, consecutive years only', () => {
    // 0.35 - 0.3 is 0.04999999999999999 in floating point: it still counts as the cutpoint.
    const years = [year(2000, 0.3), year(2001, 0.35), year(2002, 0.351, 0.47), year(2004, 0.1)];
    expect(significantChanges(years, CUTS)).toEqual([
      { year: 2002, index: 'v2x_pubcorr', direction: 'down', from: 0.5, to: 0.47 },
      { year: 2001, index: 'v2xcs_ccsi', direction: 'up', from: 0.3, to: 0.35 },
    ]);
    expect(significantChanges([year(2000, 0.3), year(2001, 0.349)], CUTS)).toEqual([]);
  });

  it('give the latest year with its change from the year before', () => {
    const l = latest([year(2022, 0.4), year(2023, 0.3)], CUTS);
    expect(l?.year).toBe(2023);
    expect(l?.values.v2xcs_ccsi).toEqual({ value: 0.3, change: -0.1, significant: 'down' });
    expect(l?.values.v2x_pubcorr).toEqual({ value: 0.5, change: 0, significant: null });
    expect(latest([year(2020, 0.4), year(2023, 0.3)], CUTS)?.values.v2xcs_ccsi.change).toBeNull();
    expect(latest([], CUTS)).toBeNull();
  });
});

describe('support that serves a country', () => {
  const m = (over: Partial<Mechanism>) =>
    ({ status: 'active', countries: [], regions: ['global'], ...over }) as Mechanism;
  it('names the country, its region, or the world; never a mechanism scoped elsewhere or closed', () => {
    expect(reachOf(m({ countries: ['BY'], regions: ['eurasia'] }), 'BY', 'eurasia')).toBe('country');
    expect(reachOf(m({ regions: ['eurasia'] }), 'BY', 'eurasia')).toBe('region');
    expect(reachOf(m({}), 'BY', 'eurasia')).toBe('global');
    expect(reachOf(m({ countries: ['SV'], regions: ['americas'] }), 'BY', 'eurasia')).toBeNull();
    expect(reachOf(m({ regions: ['africa'] }), 'BY', 'eurasia')).toBeNull();
    expect(reachOf(m({ status: 'closed' }), 'BY', 'eurasia')).toBeNull();
    const scoped = m({ eligibility: { threats: ['legal-action'], countries: ['UA'] } } as Partial<Mechanism>);
    expect(reachOf(scoped, 'BY', 'eurasia')).toBeNull();
    expect(reachOf(scoped, 'UA', 'eurasia')).toBe('global');
  });
});
