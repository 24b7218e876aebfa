// Loads the flow files and checks the graph they form together: every target exists, every node is
// reachable from the start, there are no cycles (so every path ends at an outcome), every referral
// matches at least one mechanism, and every string exists in each locale its flow declares.
import path from 'node:path';
import { z } from 'zod';
import { readDataFile, readDataFolder, type DataProblem } from '../../platform/data-files.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mechanism } from '../directory/service.ts';
import { fitsSituation } from './eligibility.ts';
import { countriesSchema, flowSchema, type Flow, type FlowNode, type Localized, type OutcomeNode } from './schema.ts';

export const START_FLOW = 'start';
/** Not a flow: the referral test set kept beside the flows (src/features/triage/referral-cases.ts). */
export const REFERRAL_CASES = 'referral-cases.yaml';
/** Not a flow: country code -> directory region. */
const COUNTRIES = 'countries.yaml';

export interface FlowSet {
  flows: Map<string, Flow>;
  /** Country code -> region. */
  countries: Record<string, string>;
}

/** A node's address across flows: `flow/node`. */
export type NodeKey = `${string}/${string}`;

export function readFlowFiles(dir: string): { set: FlowSet; problems: DataProblem[] } {
  const flows = readDataFolder(dir, flowSchema, {
    idIsFileName: true,
    skip: (file) => file === COUNTRIES || file === REFERRAL_CASES,
  });
  const countries = readDataFile(path.join(dir, COUNTRIES), countriesSchema, { optional: true });
  // The referral test set is read by referral-cases.ts; here it only has to be YAML.
  const cases = readDataFile(path.join(dir, REFERRAL_CASES), z.unknown(), { optional: true });
  const problems = [...flows.problems, ...countries.problems, ...cases.problems];
  return {
    set: { flows: new Map(flows.items.map((f) => [f.value.id, f.value])), countries: countries.value ?? {} },
    // In file order, as the files are listed.
    problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
}

/** The flows of data/triage, read on first use and kept (they change with a release, not at run time). */
export interface TriageFlows {
  flows(): FlowSet;
}

export function createTriageFlows(deps: { seedDir: string; logger: Logger }): TriageFlows {
  let set: FlowSet | undefined;
  return {
    flows() {
      if (!set) {
        const read = readFlowFiles(path.join(deps.seedDir, 'triage'));
        for (const p of read.problems)
          deps.logger.warn({ file: p.file, path: p.path, problem: p.message }, 'skipped invalid triage file');
        set = read.set;
      }
      return set;
    },
  };
}

/** Where an answer leads: a node of the same flow, or the start of another flow. */
export function resolveTarget(flows: Map<string, Flow>, fromFlow: string, target: string): NodeKey | undefined {
  if (target.startsWith('flow:')) {
    const flow = flows.get(target.slice(5));
    return flow ? `${flow.id}/${flow.start}` : undefined;
  }
  return flows.get(fromFlow)?.nodes[target] ? `${fromFlow}/${target}` : undefined;
}

export function nodeAt(flows: Map<string, Flow>, key: NodeKey): { flow: Flow; id: string; node: FlowNode } | undefined {
  const [flowId, id] = key.split('/') as [string, string];
  const flow = flows.get(flowId);
  const node = flow?.nodes[id];
  return flow && node ? { flow, id, node } : undefined;
}

export function targetsOf(node: FlowNode): string[] {
  if (node.type === 'question') return node.options.map((o) => o.next);
  if (node.type === 'context') return [node.next];
  return [];
}

function localizedStrings(node: FlowNode): [string, Localized][] {
  const out: [string, Localized][] = [];
  if (node.type === 'question') {
    out.push(['text', node.text]);
    if (node.help) out.push(['help', node.help]);
    node.options.forEach((o, i) => out.push([`options.${i}.label`, o.label]));
  } else if (node.type === 'outcome') {
    out.push(['title', node.title]);
    if (node.summary) out.push(['summary', node.summary]);
    if (node.noMatch) out.push(['noMatch', node.noMatch]);
    for (const list of ['now', 'avoid', 'gather'] as const) node[list].forEach((s, i) => out.push([`${list}.${i}`, s]));
  }
  return out;
}

/** Mechanisms a referral could list before any answer: its kinds and audiences, within their eligibility. */
export function eligible(mechanisms: Mechanism[], referral: OutcomeNode['referral']): Mechanism[] {
  return mechanisms.filter((m) => fitsSituation(m, referral));
}

/** A flow's file, where each of its problems is reported (its id is the file name). */
const fileOf = (flowId: string) => `${flowId}.yaml`;

/** Each target of a node with its path in the flow file. */
function targetPaths(node: FlowNode): [string, string][] {
  if (node.type === 'question') return node.options.map((o, i) => [`options.${i}.next`, o.next]);
  if (node.type === 'context') return [['next', node.next]];
  return [];
}

/** The rules the flows keep together; problems name the flow file and the path in it. */
export function checkGraph(set: FlowSet, mechanisms: Mechanism[]): DataProblem[] {
  const { flows } = set;
  const problems: DataProblem[] = [];
  const start = flows.get(START_FLOW);
  if (!start) return [{ file: fileOf(START_FLOW), path: '', message: 'there is no start flow (start.yaml)' }];

  for (const flow of flows.values()) {
    const file = fileOf(flow.id);
    if (!flow.nodes[flow.start])
      problems.push({ file, path: 'start', message: `start node ${flow.start} does not exist` });
    const missing = (text: Localized) => flow.locales.filter((l) => !text[l]);
    const titleGaps = missing(flow.title);
    if (titleGaps.length) problems.push({ file, path: 'title', message: `missing ${titleGaps.join(', ')}` });
    for (const [id, node] of Object.entries(flow.nodes)) {
      const at = `nodes.${id}`;
      for (const [where, target] of targetPaths(node)) {
        if (!resolveTarget(flows, flow.id, target))
          problems.push({ file, path: `${at}.${where}`, message: `leads to ${target}, which does not exist` });
      }
      for (const [field, text] of localizedStrings(node)) {
        const gaps = missing(text);
        if (gaps.length) problems.push({ file, path: `${at}.${field}`, message: `missing ${gaps.join(', ')}` });
      }
      if (node.type === 'outcome' && node.referral.threats.length === 0) {
        problems.push({
          file,
          path: `${at}.referral.threats`,
          message: 'name the situation(s) this outcome is about',
        });
      } else if (node.type === 'outcome' && eligible(mechanisms, node.referral).length === 0) {
        problems.push({
          file,
          path: `${at}.referral`,
          message: 'no mechanism in the directory fits it (kinds, audience and eligibility)',
        });
      }
    }
  }

  // Reachability and cycles in one depth-first walk from the start.
  const state = new Map<NodeKey, 'open' | 'done'>();
  const visit = (key: NodeKey, trail: NodeKey[]) => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'open') {
      const [flowId, id] = key.split('/') as [string, string];
      const cycle = [...trail.slice(trail.indexOf(key)), key].join(' -> ');
      problems.push({ file: fileOf(flowId), path: `nodes.${id}`, message: `cycle: ${cycle}` });
      return;
    }
    const at = nodeAt(flows, key);
    if (!at) return;
    state.set(key, 'open');
    for (const target of targetsOf(at.node)) {
      const next = resolveTarget(flows, at.flow.id, target);
      if (next) visit(next, [...trail, key]);
    }
    state.set(key, 'done');
  };
  visit(`${START_FLOW}/${start.start}`, []);
  for (const flow of flows.values()) {
    for (const id of Object.keys(flow.nodes)) {
      if (!state.has(`${flow.id}/${id}`))
        problems.push({ file: fileOf(flow.id), path: `nodes.${id}`, message: 'cannot be reached from the start' });
    }
  }
  return problems;
}

/** Every path from the start to an outcome, as node keys; context nodes stay in the path. */
export function allPaths(flows: Map<string, Flow>): NodeKey[][] {
  const paths: NodeKey[][] = [];
  const walk = (key: NodeKey, trail: NodeKey[]) => {
    const at = nodeAt(flows, key)!;
    if (at.node.type === 'outcome') {
      paths.push([...trail, key]);
      return;
    }
    for (const target of targetsOf(at.node)) walk(resolveTarget(flows, at.flow.id, target)!, [...trail, key]);
  };
  walk(`${START_FLOW}/${flows.get(START_FLOW)!.start}`, []);
  return paths;
}

const parentCache = new WeakMap<Map<string, Flow>, Map<NodeKey, NodeKey>>();

/**
 * The step before each node, for the Back link: the first node that leads to it in a breadth-first
 * walk from the start (the shortest way there). A node reached from several places gets one parent.
 */
export function parentsOf(flows: Map<string, Flow>): Map<NodeKey, NodeKey> {
  let parents = parentCache.get(flows);
  if (parents) return parents;
  parents = new Map();
  const start = flows.get(START_FLOW);
  if (start) {
    const first: NodeKey = `${START_FLOW}/${start.start}`;
    const queue: NodeKey[] = [first];
    const seen = new Set<NodeKey>([first]);
    while (queue.length > 0) {
      const key = queue.shift()!;
      const at = nodeAt(flows, key);
      if (!at) continue;
      for (const target of targetsOf(at.node)) {
        const next = resolveTarget(flows, at.flow.id, target);
        if (!next || seen.has(next)) continue;
        seen.add(next);
        parents.set(next, key);
        queue.push(next);
      }
    }
  }
  parentCache.set(flows, parents);
  return parents;
}
