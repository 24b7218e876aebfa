// axe-core in a page, for the accessibility checks of tests/browser/.
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SESSION } from '../helpers/accounts.ts';

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

const BLOCKING = new Set(['serious', 'critical']);

async function runAxe(page: Page): Promise<Finding[]> {
  // The app's CSP forbids inline script; the context bypasses CSP for the injected axe only.
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const results = await w.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary ?? '' })),
    }));
  });
}

function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) =>
      [
        `[${f.impact}] ${f.id}: ${f.help} (${f.helpUrl})`,
        ...f.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Runs axe on the page; prints every finding and fails on serious or critical ones. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const findings = await runAxe(page);
  if (findings.length > 0) console.log(`axe findings on ${label}:\n${describeFindings(findings)}`);
  const blocking = findings.filter((f) => BLOCKING.has(f.impact ?? ''));
  expect(blocking, `serious/critical axe violations on ${label}:\n${describeFindings(blocking)}`).toEqual([]);
}

/**
 * Opens a page in a fresh context and checks it: JavaScript on and CSP bypassed only so axe can run
 * (the pages themselves use no script), signed in when given a session token.
 */
export async function checkPage(
  browser: Browser,
  origin: string,
  label: string,
  open: (page: Page) => Promise<void>,
  sessionToken?: string,
): Promise<void> {
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, baseURL: origin });
  context.setDefaultTimeout(10_000);
  if (sessionToken) await context.setExtraHTTPHeaders({ cookie: `${SESSION}=${sessionToken}` });
  try {
    const page = await context.newPage();
    await open(page);
    await expectAccessible(page, label);
  } finally {
    await context.close();
  }
}
