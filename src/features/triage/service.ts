// "Get help now": walks the flows. Anonymous and stateless: everything a person answered arrives in
// the URL and nothing is written anywhere.
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { listDirectory } from '../directory/service.ts';
import { nodeAt, parentsOf, resolveTarget, START_FLOW, targetsOf, type FlowSet, type NodeKey } from './graph.ts';
import { rankReferrals, type Ranked } from './ranking.ts';
import type { Flow, FlowNode } from './schema.ts';
import { withoutAnswer, type TriageState } from './input.ts';

/** The flows of data/triage, as this process holds them (src/context.ts). */
export function loadFlows(ctx: AppContext): FlowSet {
  return ctx.triage.flows();
}

export type Step =
  | { kind: 'redirect'; to: NodeKey }
  | { kind: 'step'; flow: Flow; id: string; node: Exclude<FlowNode, { type: 'outcome' }> }
  | { kind: 'outcome'; flow: Flow; id: string; node: Extract<FlowNode, { type: 'outcome' }>; referrals: Ranked[] };

/** Follows context questions the person already answered, so each is asked once. */
export function skipAnswered(set: FlowSet, key: NodeKey, state: TriageState): NodeKey {
  let current = key;
  for (let guard = 0; guard < 50; guard++) {
    const at = nodeAt(set.flows, current);
    if (!at || at.node.type !== 'context' || !state.answered[at.node.field]) return current;
    current = resolveTarget(set.flows, at.flow.id, at.node.next) ?? current;
  }
  return current;
}

/** Where an answer's link goes: its target, past context questions already answered. */
export function linkTarget(set: FlowSet, fromFlow: string, target: string, state: TriageState): NodeKey {
  const key = resolveTarget(set.flows, fromFlow, target);
  if (!key) throw new Error(`broken triage target ${fromFlow} -> ${target}`);
  return skipAnswered(set, key, state);
}

/**
 * Where the Back link of a step goes: the step before it, with the answers the person had there. A
 * context question already answered would skip itself, so going back to one takes its answer away.
 * Undefined at the start.
 */
export function previousStep(
  set: FlowSet,
  key: NodeKey,
  state: TriageState,
): { key: NodeKey; state: TriageState } | undefined {
  const parent = parentsOf(set.flows).get(key);
  if (!parent) return undefined;
  const at = nodeAt(set.flows, parent)!;
  if (at.node.type === 'context' && state.answered[at.node.field])
    return { key: parent, state: withoutAnswer(state, at.node.field) };
  return { key: parent, state };
}

export function startKey(set: FlowSet): NodeKey {
  const start = set.flows.get(START_FLOW);
  if (!start) throw new NotFoundError('no start flow');
  return `${START_FLOW}/${start.start}`;
}

export async function triageStep(ctx: AppContext, actor: Actor, key: NodeKey, state: TriageState): Promise<Step> {
  requireAccess(actor, 'triage:use');
  const set = loadFlows(ctx);
  const at = nodeAt(set.flows, key);
  if (!at) throw new NotFoundError(`no triage step ${key}`);
  const effective = skipAnswered(set, key, state);
  if (effective !== key) return { kind: 'redirect', to: effective };
  if (at.node.type !== 'outcome') return { kind: 'step', flow: at.flow, id: at.id, node: at.node };
  const mechanisms = await listDirectory(ctx, actor);
  return {
    kind: 'outcome',
    flow: at.flow,
    id: at.id,
    node: at.node,
    referrals: rankReferrals(mechanisms, at.node.referral, state, set.countries, ctx.clock.now()),
  };
}

/** A step of the whole triage as someone who says nothing about themselves meets it (the offline edition). */
export interface UnansweredStep {
  key: NodeKey;
  flow: Flow;
  node: Exclude<FlowNode, { type: 'context' }>;
  /** For questions: where each option leads. For outcomes: the ranked referrals. */
  targets: NodeKey[];
  referrals: Ranked[];
}

/** Offline there is no address to hold answers: context questions are passed over. */
const NOTHING_SAID: TriageState = {
  answered: { audience: 'none', language: 'none', country: 'none', urgency: 'none' },
};

/** Every step in reading order (breadth-first from the start), context questions passed over. */
export async function everyStep(ctx: AppContext, actor: Actor): Promise<UnansweredStep[]> {
  requireAccess(actor, 'triage:use');
  const set = loadFlows(ctx);
  const mechanisms = await listDirectory(ctx, actor);
  const steps: UnansweredStep[] = [];
  const seen = new Set<NodeKey>();
  const queue: NodeKey[] = [linkTarget(set, 'start', `flow:start`, NOTHING_SAID)];
  while (queue.length > 0) {
    const at = nodeAt(set.flows, queue.shift()!)!;
    const k: NodeKey = `${at.flow.id}/${at.id}`;
    if (seen.has(k) || at.node.type === 'context') continue;
    seen.add(k);
    const targets = targetsOf(at.node).map((t) => linkTarget(set, at.flow.id, t, NOTHING_SAID));
    queue.push(...targets);
    steps.push({
      key: k,
      flow: at.flow,
      node: at.node,
      targets,
      referrals:
        at.node.type === 'outcome'
          ? rankReferrals(mechanisms, at.node.referral, NOTHING_SAID, set.countries, ctx.clock.now())
          : [],
    });
  }
  if (steps[0]?.key !== startKey(set)) throw new Error('offline edition must open at the start question');
  return steps;
}

// What other slices and the CLI use of the triage.
export { checkGraph, readFlowFiles, type FlowSet, type NodeKey } from './graph.ts';
export type { Ranked } from './ranking.ts';
export type { Flow, FlowNode, Localized } from './schema.ts';

/** The countries a person can name (ISO 3166-1 alpha-2, data/triage/countries.yaml): other features' lists use them too. */
export function countryCodes(ctx: AppContext): string[] {
  return Object.keys(loadFlows(ctx).countries);
}

/** The directory region of a country (data/triage/countries.yaml), or undefined for a code not listed. */
export function countryRegion(ctx: AppContext, code: string): string | undefined {
  return loadFlows(ctx).countries[code];
}
