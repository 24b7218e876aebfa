// The amparo binary, run as a person would run it, against this test's own database.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../src/config/config.ts';
import { importMechanisms, readMechanismFiles } from '../src/features/directory/service.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { submitSuggestion } from '../src/features/suggestions/service.ts';
import { PASSWORD, signInAs } from './helpers/accounts.ts';
import { runAmparo, type CliResult } from './helpers/cli.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { SHIPPED_MECHANISMS } from './helpers/shipped.ts';
import { catalogs } from '../src/platform/i18n/index.ts';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/index.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

async function amparo(args: string[], extraEnv: Record<string, string> = {}) {
  return humanOutput(await runAmparo(env, args, extraEnv), args);
}

/** Whatever a command prints is for a person: never a JSON log line, never a stack trace. */
function humanOutput(result: CliResult, args: string[]) {
  const jsonWanted = args.includes('--json') || (args.includes('export') && !args.includes('--out'));
  for (const [stream, text] of [
    ['stdout', jsonWanted ? '' : result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    expect(text, `${args.join(' ')}: ${stream}`).not.toMatch(/^\s*\{.*"(level|msg)"/m);
    expect(text, `${args.join(' ')}: ${stream}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }
  return result;
}

/** A data directory no server was ever started on: its database is created by the command itself. */
function neverStarted(): Record<string, string> {
  return { AMPARO_DATA_DIR: fs.mkdtempSync(path.join(env.dataDir, 'fresh-')), DATABASE_URL: '', AMPARO_DB_SCHEMA: '' };
}

const shippedRecords = () => readMechanismFiles(path.join(projectRoot, 'data/support')).records;

// Every test here starts `amparo` processes one after another (about 3 s each alone, three times that
// beside the rest of the suite on two cores): two minutes each, whatever they ask.
describe('amparo CLI', { timeout: 120_000 }, () => {
  it('has --help on every command', async () => {
    // The binary itself answers --help (a whole process start, about 2-3 s on a busy machine)...
    const { code, stdout } = await amparo(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: amparo/);
    // ...and every command registered on it has a description and its own usage, walked from the program
    // (one process start for each would take a minute).
    const walk = (command: Command, path: string[]): string[][] =>
      command.commands.flatMap((c) => [[...path, c.name()], ...walk(c, [...path, c.name()])]);
    const all = walk(buildProgram(), []);
    expect(all.length).toBeGreaterThan(15);
    for (const names of all) {
      let command = buildProgram();
      for (const name of names) command = command.commands.find((c) => c.name() === name)!;
      expect(command.description(), names.join(' ')).not.toBe('');
      expect(command.helpInformation(), names.join(' ')).toMatch(new RegExp(`^Usage: amparo ${names.join(' ')}\\b`));
    }
  });

  it('stops with one line naming a bad setting', async () => {
    const { code, stderr } = await amparo(['migrate'], { AMPARO_PORT: 'eighty' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^amparo: Bad value for AMPARO_PORT: /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('migrates', async () => {
    expect(await amparo(['migrate'])).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
  });

  it('validates the shipped data, and reports bad files by name and field', async () => {
    expect((await amparo(['directory', 'validate'])).stdout).toMatch(
      new RegExp(`^${SHIPPED_MECHANISMS} valid, 0 problem\\(s\\)`),
    );
    const dir = fs.mkdtempSync(path.join(env.dataDir, 'bad-'));
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'id: broken\nname: B\nkinds: [nonsense]\n');
    fs.writeFileSync(
      path.join(dir, 'wrong-name.yaml'),
      fs.readFileSync(path.join(projectRoot, 'data/support/civicert.yaml')),
    );
    const { code, stderr } = await amparo(['directory', 'validate', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml kinds\.0: /);
    expect(stderr).toMatch(/wrong-name\.yaml id: must equal the file name/);
  });

  it('imports a directory of files, idempotently', async () => {
    const dir = fs.mkdtempSync(path.join(env.dataDir, 'import-'));
    const doc = fs
      .readFileSync(path.join(projectRoot, 'data/support/civicert.yaml'), 'utf8')
      .replace('id: civicert', 'id: civicert-copy');
    fs.writeFileSync(path.join(dir, 'civicert-copy.yaml'), doc);
    expect((await amparo(['directory', 'import', dir])).stdout).toBe('inserted 1, updated 0, unchanged 0, invalid 0\n');
    expect((await amparo(['directory', 'import', dir])).stdout).toBe('inserted 0, updated 0, unchanged 1, invalid 0\n');
  });

  // The exact boundary is tested on the test clock (src/features/directory/freshness.test.ts); a child
  // process has the machine's clock, so these dates are decades from any day the test may run.
  it('lists records unchecked for the given months, never closed ones, and refuses a bad count', async () => {
    const old = { ...shippedRecords()[0]!, verifiedAt: '2001-02-03', version: 1 };
    await importMechanisms(env.ctx, cliOperator, [
      { ...old, id: 'checked-in-2001', name: 'Checked In 2001' },
      { ...old, id: 'closed-in-2001', name: 'Closed In 2001', status: 'closed' },
    ]);
    const { code, stdout } = await amparo(['directory', 'stale']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('checked-in-2001\tChecked In 2001\t2001-02-03\tactive');
    expect(stdout).not.toContain('closed-in-2001');
    expect((await amparo(['directory', 'stale', '--months', '1200'])).stdout).not.toContain('checked-in-2001');
    expect((await amparo(['directory', 'stale', '--months', 'soon'])).code).toBe(2);
  });

  it('exports json, csv and yaml, and refuses another format', async () => {
    const json = JSON.parse((await amparo(['directory', 'export', '--format', 'json'])).stdout) as { id: string }[];
    expect(json.map((m) => m.id)).toContain('access-now-helpline');
    const csv = (await amparo(['directory', 'export', '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toMatch(/^id,name,/);
    const out = path.join(env.dataDir, 'export.yaml');
    await amparo(['directory', 'export', '--format', 'yaml', '--out', out]);
    expect((parse(fs.readFileSync(out, 'utf8')) as unknown[]).length).toBe(json.length);
    expect((await amparo(['directory', 'export', '--format', 'xml'])).code).toBe(2);
  });

  it('exports the shipped directory from a database no server was ever started on', async () => {
    const fresh = neverStarted();
    const records = shippedRecords();
    expect(records.length).toBeGreaterThan(0);
    const json = await amparo(['directory', 'export', '--format', 'json'], fresh);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { id: string }[]).map((m) => m.id).sort()).toEqual(
      records.map((r) => r.id).sort(),
    );

    const out = path.join(fresh.AMPARO_DATA_DIR!, 'amparo-es.html');
    const offline = await amparo(['export', 'offline', '--locale', 'es', '--out', out], neverStarted());
    expect(offline.code, offline.stderr).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.match(/<article class="mechanism card" id="m-/g)?.length).toBe(records.length);
  });

  it('says so when there are no organisations yet', async () => {
    const list = await amparo(['org', 'list'], neverStarted());
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^no organisations yet/);
  });

  it('refuses an occupied port in one line, without a stack', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const result = await amparo(['serve', '--port', String(port)], neverStarted());
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n'), result.stderr).toEqual([
        expect.stringMatching(new RegExp(`^amparo: .*port ${port}.*in use`)),
      ]);
      expect(Date.now() - started).toBeLessThan(45_000); // it stopped, rather than hanging on an open database
    } finally {
      blocker.close();
    }
  });

  it('lists, approves and rejects suggestions', async () => {
    const a = await submitSuggestion(env.ctx, anonymous, {
      kind: 'new',
      name: 'CLI Fund',
      website: 'https://cli.example.org',
      details: 'A fund suggested to test the command line.',
      kinds: ['emergency-grant'],
      serves: ['cso'],
    });
    const b = await submitSuggestion(env.ctx, anonymous, {
      kind: 'correction',
      mechanism: 'civicert',
      details: 'The contact page has moved somewhere else.',
    });
    if (!a.ok || !b.ok) throw new Error('setup failed');
    const list = await amparo(['suggestions', 'list']);
    expect(list.stdout).toContain(`${a.value.id}`);
    expect(list.stdout).toContain('correction to civicert');

    const approved = await amparo(['suggestions', 'approve', a.value.id, '--regions', 'global', '--slug', 'cli-fund']);
    expect(approved).toMatchObject({ code: 0, stdout: `approved ${a.value.id} (record cli-fund)\n` });
    const missing = await amparo(['suggestions', 'reject', b.value.id]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--reason/);
    expect((await amparo(['suggestions', 'reject', b.value.id, '--reason', 'Already fixed'])).stdout).toBe(
      `rejected ${b.value.id}\n`,
    );
    expect((await amparo(['suggestions', 'reject', b.value.id, '--reason', 'Again'])).code).toBe(1);

    const decided = (await amparo(['suggestions', 'list', '--status', 'all', '--json'])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(decided.find((s) => s.id === b.value.id)).toMatchObject({ status: 'rejected', reason: 'Already fixed' });
  });

  it('verifies the audit log, and fails on a tampered entry', async () => {
    const clean = await amparo(['audit', 'verify']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^\d+ entries, 0 problem\(s\), head [0-9a-f]{64}\n$/);
    await env.ctx.db.updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', 1).execute();
    const tampered = await amparo(['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('entry 1: was changed after it was written');
  });

  // A dozen process starts, each 1-3 s on a busy machine (more with two test workers): its own timeout.
  it(
    'creates an organisation, invites its owner and others, disables an account and resets two-factor',
    { timeout: 120_000 },
    async () => {
      const created = await amparo(['org', 'create', 'Observatorio Cívico', '--owner', 'owner.cli@example.org']);
      expect(created.code, created.stderr).toBe(0);
      const orgId = created.stdout.match(/organisation (\w+) created/)![1]!;
      const link = created.stdout.match(/https?:\/\/\S+/)![0];
      // The recovery key is printed once; the name is sealed under the organisation's own key, so the
      // operator's list shows ids and dates only.
      expect(created.stdout).toMatch(/recovery key[^\n]*\n([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}\n/);
      const listed = (await amparo(['org', 'list'])).stdout;
      expect(listed).toMatch(new RegExp(`${orgId}  \\d{4}-\\d{2}-\\d{2}`));
      expect(listed).not.toContain('Observatorio');
      expect((await amparo(['org', 'create', 'Sin Dueño'])).code).toBe(1); // an organisation nobody holds the key of is refused

      const path = new URL(link).pathname;
      const accepted = await postForm(env, path, { name: 'Owner', password: PASSWORD, password_confirm: PASSWORD });
      expect(accepted.status).toBe(303);

      // The link is on the origin the server would use with the same settings (no AMPARO_PUBLIC_URL here).
      const served = { AMPARO_HOST: '127.0.0.9', AMPARO_PORT: '9191' };
      const curator = await amparo(['user', 'invite', 'curator.cli@example.org', '--platform', 'curator'], served);
      expect(curator.code, curator.stderr).toBe(0);
      expect(curator.stdout).toMatch(/http:\/\/127\.0\.0\.9:9191\/en\/invitations\/[A-Za-z0-9_-]{43}/);
      // The operator cannot invite to an organisation: only its owners and admins hold its key.
      const toOrg = await amparo(['user', 'invite', 'member.cli@example.org', '--org', orgId, '--role', 'viewer']);
      expect(toOrg.code).toBe(1);
      const bad = await amparo(['user', 'invite', 'x@example.org', '--platform', 'emperor']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('platform');
      expect(bad.stderr).toContain(catalogs.en['validation.choice']);
      // The terminal's language decides the CLI's: the same mistake, explained in Russian.
      const russian = await amparo(['user', 'invite', 'x@example.org', '--platform', 'emperor'], {
        LANG: 'ru_RU.UTF-8',
      });
      expect(russian.stderr).toContain(`platform: ${catalogs.ru['validation.choice']}`);
      expect(russian.stderr).not.toContain('validation.');

      await signInAs(env, { email: 'owner.cli@example.org', password: PASSWORD });
      const disabled = await amparo(['user', 'disable', 'owner.cli@example.org']);
      expect(disabled.code, disabled.stderr).toBe(0);
      expect((await postForm(env, '/en/login', { email: 'owner.cli@example.org', password: PASSWORD })).status).toBe(
        422,
      );
      expect((await amparo(['user', 'disable', 'owner.cli@example.org', '--enable'])).code).toBe(0);
      await signInAs(env, { email: 'owner.cli@example.org', password: PASSWORD });
      expect((await amparo(['user', 'reset-2fa', 'owner.cli@example.org'])).code).toBe(0);
      const unknown = await amparo(['user', 'disable', 'nobody.cli@example.org']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no account');
    },
  );
});
