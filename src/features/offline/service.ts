// The offline edition: one self-contained HTML file per locale with the whole directory and every
// triage flow, for internet shutdowns. Built on demand and kept until the directory changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { assetText, compileClient } from '../../ui/assets.ts';
import { directoryVersion, listDirectory } from '../directory/service.ts';
import { compileSynonyms, synonymsFile } from '../directory/synonyms.ts';
import { nodeAt, targetsOf, type NodeKey } from '../triage/graph.ts';
import { rankReferrals } from '../triage/ranking.ts';
import { linkTarget, loadFlows, startKey } from '../triage/service.ts';
import type { TriageState } from '../triage/state.ts';
import { OfflineDocument, type OfflineStep, type OfflineSynonyms } from './views/document.tsx';

/** Offline there is no address to hold answers: context questions are passed over. */
const NOTHING_SAID: TriageState = {
  answered: { audience: 'none', language: 'none', country: 'none', urgency: 'none' },
};

const OFFLINE_CSS = `
.step { border-block-start: 1px solid var(--line); padding-block: .5rem 1rem; }
.js .step { border: 0; }
.mechanism { margin-block: 1rem; }
[hidden] { display: none !important; }
`;

let script: string | undefined;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

const cache = new WeakMap<AppContext, Map<string, string>>();

/** The file's search knows its own language's synonyms and the English ones. */
function offlineSynonyms(seedDir: string, locale: Locale): OfflineSynonyms {
  const compiled = compileSynonyms(synonymsFile(seedDir), locale === 'en' ? ['en'] : [locale, 'en']);
  const words: Record<string, string[]> = {};
  for (const [word, phrases] of compiled.expand) words[word] = phrases.map((p) => p.join(' '));
  return { ignore: [...compiled.ignore], words };
}

export async function offlineEdition(ctx: AppContext, actor: Actor, locale: Locale): Promise<string> {
  requireAccess(actor, 'directory:read');
  const key = `${locale}:${await directoryVersion(ctx)}`;
  let mine = cache.get(ctx);
  if (!mine) cache.set(ctx, (mine = new Map()));
  const hit = mine.get(key);
  if (hit) return hit;

  const mechanisms = await listDirectory(ctx, actor);
  const set = loadFlows(ctx);
  // Steps in reading order: breadth-first from the start, context questions skipped.
  const steps: OfflineStep[] = [];
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
        at.node.type === 'outcome' ? rankReferrals(mechanisms, at.node.referral, NOTHING_SAID, set.countries) : [],
    });
  }
  if (steps[0]?.key !== startKey(set)) throw new Error('offline edition must open at the start question');

  script ??= compileClient(fs.readFileSync(new URL('../../ui/client/offline.ts', import.meta.url), 'utf8'));
  const css = assetText('app.css') + OFFLINE_CSS;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const body = await OfflineDocument({
    locale,
    t: translator(locale),
    builtAt: ctx.clock.now(),
    exitUrl: ctx.config.exitUrl,
    mechanisms,
    steps,
    synonyms: offlineSynonyms(ctx.config.seedDir, locale),
    css,
    script,
    csp,
  }).toString();
  const html = `<!DOCTYPE html>${body}`;
  mine.set(key, html);
  return html;
}
