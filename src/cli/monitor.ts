// `amparo monitor import <file.csv>`: events from a CSV export (Uwazi, Ushahidi or our own columns),
// imported as a member of the organisation. Every row is checked before anything is written; with any
// problem nothing is imported and each row's problems are listed (exit code 1). A progress bar on
// standard error at a terminal, a line every tenth of the file otherwise.
import fs from 'node:fs';
import type { Command } from 'commander';
import { readEnv, terminalLocale } from '../config/env.ts';
import { runAsMember } from '../features/accounts/auth/service.ts';
import {
  importEvents,
  parseMapping,
  PRESETS,
  type DateOrder,
  type ImportReport,
  type PresetName,
} from '../features/monitor/service.ts';
import { translator, type Translate } from '../platform/i18n/index.ts';
import { readPassword } from './password.ts';
import { progressReporter, valueOf, withContext } from './shared.ts';

/** How many row problems are printed; the rest are counted. */
export const SHOWN_ERRORS = 50;

interface ImportFlags {
  org: string;
  email: string;
  code?: string;
  preset?: string;
  map: string[];
  country?: string;
  dateOrder?: string;
  dryRun?: boolean;
}

export function registerMonitor(program: Command): void {
  const monitor = program.command('monitor').description("an organisation's civic space monitor");
  monitor
    .command('import <file>')
    .description('import events from a CSV file (all of it or nothing), as a member of the organisation')
    .requiredOption('--org <orgId>', 'the organisation')
    .requiredOption('--email <email>', "a member's email address (the password: AMPARO_PASSWORD, or asked)")
    .option('--code <code>', 'the code from the authenticator app (or a recovery code), for two-factor accounts')
    .option('--preset <preset>', `which export the columns come from (${PRESETS.join(', ')})`, 'amparo')
    .option(
      '--map <field=Column>',
      'read a field from a named column (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--country <code>', 'ISO country code of rows with no country')
    .option('--date-order <order>', 'for dates written 03/04/2025: dmy or mdy')
    .option('--dry-run', 'check every row and report problems; import nothing')
    .action(async (file: string, o: ImportFlags) => {
      const bad = flagProblem(o) ?? (fs.existsSync(file) ? undefined : `no such file: ${file}`);
      if (bad) {
        process.stderr.write(`amparo: ${bad}\n`);
        process.exitCode = 2;
        return;
      }
      const env = readEnv();
      const t = translator(terminalLocale(env));
      const total = fs.statSync(file).size;
      const password = await readPassword(t('monitor.import.password', { email: o.email }), env.AMPARO_PASSWORD);
      await withContext(async (ctx) => {
        const secrets = { password, ...(o.code ? { code: o.code } : {}) };
        const signedIn = await runAsMember(ctx, o.email, secrets, (actor) =>
          importEvents(ctx, actor, o.org, fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
            preset: o.preset as PresetName,
            map: parseMapping(o.map),
            ...(o.country ? { country: o.country } : {}),
            ...(o.dateOrder ? { dateOrder: o.dateOrder as DateOrder } : {}),
            dryRun: o.dryRun === true,
            onProgress: progress(t, total),
            onSave: (count) => process.stderr.write(`${t('monitor.import.saving', { count })}\n`),
          }),
        );
        process.exitCode = summarise(t, valueOf(signedIn));
      });
    });
}

function flagProblem(o: ImportFlags): string | undefined {
  if (o.preset && !(PRESETS as readonly string[]).includes(o.preset))
    return `--preset must be one of ${PRESETS.join(', ')}`;
  if (o.dateOrder && o.dateOrder !== 'dmy' && o.dateOrder !== 'mdy') return '--date-order must be dmy or mdy';
  try {
    parseMapping(o.map);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/** Rows read against the file's size (progressReporter: a bar at a terminal, a line per tenth otherwise). */
function progress(t: Translate, total: number) {
  const report = progressReporter();
  return ({ rows, bytes, done }: { rows: number; bytes: number; done: boolean }) => {
    const percent = total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : 100;
    report(percent, t('monitor.import.progress', { rows, percent }), done);
  };
}

/** The outcome on standard output; the exit code (0 imported or checked clean, 1 problems). */
function summarise(t: Translate, report: ImportReport): number {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (report.errors.length === 0) {
    out(
      report.dryRun
        ? t('monitor.import.dryRunOk', { rows: report.rows })
        : t('monitor.import.done', { count: report.imported }),
    );
    return 0;
  }
  for (const e of report.errors.slice(0, SHOWN_ERRORS)) {
    const where = [e.row > 0 ? t('monitor.import.row', { row: e.row }) : '', e.column ?? ''].filter(Boolean).join(', ');
    out(`${where ? `${where}: ` : ''}${t(e.key, e.values)}`);
  }
  if (report.errors.length > SHOWN_ERRORS)
    out(t('monitor.import.more', { count: report.errors.length - SHOWN_ERRORS }));
  out(t('monitor.import.failed', { count: report.errors.length, rows: report.rows }));
  return 1;
}
