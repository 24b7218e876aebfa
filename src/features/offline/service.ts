// The offline edition: one self-contained HTML file per locale with the whole directory and every
// triage flow, for internet shutdowns. Built on demand and kept until the directory changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { assetText, compileClient } from '../../ui/assets.ts';
import { directorySynonyms, directoryVersion, listDirectory } from '../directory/service.ts';
import { everyStep } from '../triage/service.ts';
import { usedCss } from './css.ts';
import { OfflineDocument, type OfflineSynonyms } from './views/document.tsx';

const OFFLINE_CSS = `
.step { border-block-start: 1px solid var(--line); padding-block: .5rem 1rem; }
.js .step { border: 0; }
.mechanism { margin-block: 1rem; }
bdi { overflow-wrap: anywhere; }
[hidden] { display: none !important; }
`;

let script: string | undefined;
/** Placeholders filled once the file is rendered (plain letters: nothing the renderer escapes). */
const STYLE_SLOT = 'amparoOfflineStyleSlot';
const CSP_SLOT = 'amparoOfflineCspSlot';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The file's search knows its own language's synonyms: it searches the text it shows (decision 0019). */
function offlineSynonyms(ctx: AppContext, locale: Locale): OfflineSynonyms {
  const compiled = directorySynonyms(ctx, [locale]);
  const words: Record<string, string[]> = {};
  for (const [word, phrases] of compiled.expand) words[word] = phrases.map((p) => p.join(' '));
  return { ignore: [...compiled.ignore], words };
}

/** The edition for a locale, built once per directory revision (ctx.offline keeps it). */
export async function offlineEdition(ctx: AppContext, actor: Actor, locale: Locale): Promise<string> {
  requireAccess(actor, 'directory:read');
  return ctx.offline.file(locale, await directoryVersion(ctx), () => buildEdition(ctx, actor, locale));
}

async function buildEdition(ctx: AppContext, actor: Actor, locale: Locale): Promise<string> {
  const mechanisms = await listDirectory(ctx, actor);
  const steps = await everyStep(ctx, actor);
  script ??= compileClient(fs.readFileSync(new URL('../../ui/client/offline.ts', import.meta.url), 'utf8'));
  const html = await OfflineDocument({
    locale,
    t: translator(locale),
    builtAt: ctx.clock.now(),
    exitUrl: ctx.config.exitUrl,
    mechanisms,
    steps,
    synonyms: offlineSynonyms(ctx, locale),
    css: STYLE_SLOT,
    script,
    csp: CSP_SLOT,
  }).toString();
  // The stylesheet keeps only the rules the file can use, which the rendered file tells; it and its hash
  // then fill the two slots (the CSP as the attribute value the renderer would have escaped).
  const css = usedCss(assetText('app.css') + OFFLINE_CSS, html);
  const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>${html.replace(STYLE_SLOT, () => css).replace(CSP_SLOT, () => csp.replaceAll("'", '&#39;'))}`;
}
