import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/config.ts';
import { LOCALES } from '../../platform/i18n/index.ts';
import { formatDataProblem } from '../../platform/data-files.ts';
import { mechanismSchema, readMechanismFiles } from '../directory/service.ts';
import { allPaths, checkGraph, readFlowFiles, type FlowSet } from './graph.ts';
import { flowSchema, type Flow } from './schema.ts';

const { set, problems } = readFlowFiles(path.join(projectRoot, 'data/triage'));
const { records } = readMechanismFiles(path.join(projectRoot, 'data/support'));

describe('shipped flows', () => {
  it('parse and form a valid graph: reachable, acyclic, ending in outcomes, referrals that match', () => {
    expect(problems).toEqual([]);
    expect(checkGraph(set, records)).toEqual([]);
  });

  it('cover every situation the start question names', () => {
    const expected = [
      'digital-attack',
      'physical-threats',
      'arrest-detention',
      'office-raid',
      'relocation',
      'restrictive-law',
      'foreign-agent',
      'legal-action',
      'frozen-funds',
      'protests',
      'lgbtqia',
      'funding-cut',
      'prepare',
    ];
    expect([...set.flows.keys()].sort()).toEqual(['start', ...expected].sort());
  });

  it('are in all five languages, every one of them', () => {
    for (const flow of set.flows.values()) expect([...flow.locales].sort(), flow.id).toEqual([...LOCALES].sort());
  });

  it('every path from the start ends at an outcome', () => {
    const paths = allPaths(set.flows);
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) {
      const [flowId, nodeId] = p.at(-1)!.split('/');
      expect(set.flows.get(flowId!)!.nodes[nodeId!]!.type).toBe('outcome');
    }
  });
});

describe('checkGraph catches', () => {
  const mechanism = mechanismSchema.parse({
    id: 'm',
    name: 'Mm',
    summary: 'A mechanism for the graph tests here.',
    kinds: ['training'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-11-24',
    source: [{ title: 'Test' }],
    version: 1,
  });
  const outcome = (kinds: string[] = ['training'], threats: string[] = ['preparation']) => ({
    type: 'outcome',
    title: { en: 'Done' },
    now: [{ en: 'Act.' }],
    referral: { kinds, threats },
  });
  const flow = (nodes: Record<string, unknown>, extra: object = {}): Flow =>
    flowSchema.parse({ id: 'start', version: 1, locales: ['en'], title: { en: 'T' }, start: 'a', nodes, ...extra });
  const problemsOf = (f: Flow, more: Flow[] = []) => {
    const s: FlowSet = { flows: new Map([f, ...more].map((x) => [x.id, x])), countries: {} };
    return checkGraph(s, [mechanism]).map(formatDataProblem);
  };
  const ask = (a: string, b: string) => ({
    type: 'question',
    text: { en: 'Q?' },
    options: [
      { label: { en: 'A' }, next: a },
      { label: { en: 'B' }, next: b },
    ],
  });

  it('nothing, on a sound graph', () => {
    expect(problemsOf(flow({ a: ask('b', 'c'), b: outcome(), c: outcome() }))).toEqual([]);
  });

  it('an answer that leads nowhere', () => {
    expect(problemsOf(flow({ a: ask('b', 'nowhere'), b: outcome() }))).toContain(
      'start.yaml nodes.a.options.1.next: leads to nowhere, which does not exist',
    );
    expect(problemsOf(flow({ a: ask('b', 'flow:missing'), b: outcome() }))).toContain(
      'start.yaml nodes.a.options.1.next: leads to flow:missing, which does not exist',
    );
  });

  it('a node nobody can reach', () => {
    expect(problemsOf(flow({ a: ask('b', 'b'), b: outcome(), lost: outcome() }))).toContain(
      'start.yaml nodes.lost: cannot be reached from the start',
    );
  });

  it('a cycle, even across flows', () => {
    const other = flowSchema.parse({
      id: 'other',
      version: 1,
      locales: ['en'],
      title: { en: 'O' },
      start: 'x',
      nodes: { x: ask('flow:start', 'y'), y: outcome() },
    });
    const found = problemsOf(flow({ a: ask('flow:other', 'b'), b: outcome() }), [other]);
    expect(found.some((p) => p.includes('cycle: start/a -> other/x -> start/a'))).toBe(true);
  });

  it('a referral that matches no mechanism', () => {
    expect(problemsOf(flow({ a: ask('b', 'c'), b: outcome(['shelter']), c: outcome() }))).toContain(
      'start.yaml nodes.b.referral: no mechanism in the directory fits it (kinds, audience and eligibility)',
    );
  });

  it('a referral whose situation no mechanism covers, and an outcome that names no situation', () => {
    const scoped = mechanismSchema.parse({ ...mechanism, id: 'scoped', eligibility: { threats: ['digital-attack'] } });
    const s: FlowSet = {
      flows: new Map([
        ['start', flow({ a: ask('b', 'c'), b: outcome(['training'], ['relocation']), c: outcome(['training'], []) })],
      ]),
      countries: {},
    };
    const found = checkGraph(s, [scoped]).map(formatDataProblem);
    expect(found).toContain(
      'start.yaml nodes.b.referral: no mechanism in the directory fits it (kinds, audience and eligibility)',
    );
    expect(found).toContain('start.yaml nodes.c.referral.threats: name the situation(s) this outcome is about');
  });

  it('a string missing in a declared locale', () => {
    const found = problemsOf(
      flow({ a: ask('b', 'c'), b: outcome(), c: outcome() }, { locales: ['en', 'es'], title: { en: 'T', es: 'T' } }),
    );
    expect(found).toContain('start.yaml nodes.a.text: missing es');
    expect(found).toContain('start.yaml nodes.b.now.0: missing es');
  });
});
