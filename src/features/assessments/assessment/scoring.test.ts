// Worked examples of the scoring, written out: the inputs, the expected score, and why.
import { describe, expect, it } from 'vitest';
import type { Domain } from './instrument.ts';
import { band, scoreDomain } from './scoring.ts';

const text = { en: 'x' };
const levels = (from: number, to: number) =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), text]));
const funding: Domain = {
  id: 'funding',
  title: text,
  intro: text,
  threats: [
    { id: 'freeze', text },
    { id: 'ban', text },
  ],
  vulnerabilities: [
    { id: 'one-donor', text, levels: levels(1, 5) },
    { id: 'reserves', text, levels: levels(1, 5) },
  ],
  capacities: [
    { id: 'second-bank', text, levels: levels(0, 4) },
    { id: 'accountant', text, levels: levels(0, 4) },
  ],
  actions: ['diversify-funding'],
};

describe('scoreDomain', () => {
  it('example 1: a likely, severe threat, weak spots and little capacity is high', () => {
    // Worst threat: freeze, likelihood 4 x impact 5 / 5 = 4 (the ban, 2 x 5 / 5 = 2, is not the worst).
    // Vulnerability: mean of 4 and 5 = 4.5. Capacity: mean of 1 and 2 = 1.5.
    // Risk = 4 x 4.5 / 1.5 = 12, at or above 6: high.
    const s = scoreDomain(funding, {
      freeze: { likelihood: 4, impact: 5 },
      ban: { likelihood: 2, impact: 5 },
      'one-donor': { level: 4 },
      reserves: { level: 5 },
      'second-bank': { level: 1 },
      accountant: { level: 2 },
    });
    expect(s).toMatchObject({
      threat: 4,
      worstThreat: 'freeze',
      vulnerability: 4.5,
      capacity: 1.5,
      capacityUsed: 1.5,
      risk: 12,
      band: 'high',
      assumptions: [],
      answered: 6,
      questions: 6,
    });
  });

  it('example 2: a middling picture is medium', () => {
    // Threat 3 x 5 / 5 = 3; vulnerability 3; capacity 3 => 3 x 3 / 3 = 3, between 2.5 and 6: medium.
    const s = scoreDomain(funding, {
      freeze: { likelihood: 3, impact: 5 },
      'one-donor': { level: 3 },
      'second-bank': { level: 3 },
    });
    expect(s).toMatchObject({ threat: 3, vulnerability: 3, capacity: 3, risk: 3, band: 'medium', answered: 3 });
  });

  it('example 3: an unlikely threat with strong capacity is low', () => {
    // Threat 1 x 5 / 5 = 1; vulnerability 2; capacity 4 => 1 x 2 / 4 = 0.5: low.
    const s = scoreDomain(funding, {
      freeze: { likelihood: 1, impact: 5 },
      'one-donor': { level: 2 },
      'second-bank': { level: 4 },
    });
    expect(s).toMatchObject({ threat: 1, risk: 0.5, band: 'low' });
  });

  it('a capacity of zero does not divide by zero: it counts as 0.5 and says so', () => {
    // Threat 2 x 2 / 5 = 0.8; vulnerability 2; capacity 0 -> 0.5 => 0.8 x 2 / 0.5 = 3.2: medium.
    const s = scoreDomain(funding, {
      freeze: { likelihood: 2, impact: 2 },
      'one-donor': { level: 2 },
      'second-bank': { level: 0 },
      accountant: { level: 0 },
    });
    expect(s).toMatchObject({
      threat: 0.8,
      capacity: 0,
      capacityUsed: 0.5,
      risk: 3.2,
      band: 'medium',
      assumptions: ['capacity-floor'],
    });
  });

  it('missing capacities are assumed to be none (the cautious reading); missing vulnerabilities the middle', () => {
    // Threat 2 x 5 / 5 = 2; vulnerability skipped -> 3; capacity skipped -> 0 -> 0.5 => 2 x 3 / 0.5 = 12: high.
    const s = scoreDomain(funding, { freeze: { likelihood: 2, impact: 5 } });
    expect(s).toMatchObject({ threat: 2, vulnerability: 3, capacity: 0, capacityUsed: 0.5, risk: 12, band: 'high' });
    expect(s.assumptions).toEqual(['vulnerability-missing', 'capacity-missing', 'capacity-floor']);
  });

  it('with every answer skipped the domain is not assessed, not low', () => {
    const s = scoreDomain(funding, {});
    expect(s).toMatchObject({ threat: null, risk: null, band: 'unknown', answered: 0 });
  });

  it('a threat with only its likelihood rated is not counted', () => {
    const s = scoreDomain(funding, { freeze: { likelihood: 5 }, 'one-donor': { level: 5 } });
    expect(s).toMatchObject({ threat: null, risk: null, band: 'unknown', answered: 1 });
  });

  it('bands: 2.5 and 6 are the thresholds', () => {
    expect([band(2.49), band(2.5), band(5.99), band(6), band(null)]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'unknown',
    ]);
  });
});
