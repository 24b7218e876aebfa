import fs from 'node:fs';
import type { Command } from 'commander';
import { offlineEdition } from '../features/offline/service.ts';
import { loadCuratedData } from '../main.ts';
import { cliOperator } from '../platform/access.ts';
import { isLocale, LOCALES } from '../platform/i18n/index.ts';
import { withContext } from './shared.ts';

export function registerExport(program: Command): void {
  const exporter = program.command('export').description('write Amparo content to files');
  exporter
    .command('offline')
    .description('one self-contained HTML file with the directory and every help flow, for internet shutdowns')
    .requiredOption('--locale <locale>', `language of the edition (${LOCALES.join(', ')})`)
    .requiredOption('--out <file>', 'where to write it')
    .action(async (o: { locale: string; out: string }) => {
      if (!isLocale(o.locale)) {
        process.stderr.write(`amparo: --locale must be one of ${LOCALES.join(', ')}\n`);
        process.exitCode = 2;
        return;
      }
      const locale = o.locale;
      await withContext(async (ctx) => {
        await loadCuratedData(ctx); // as serve does, so a database no server has started is not empty
        const html = await offlineEdition(ctx, cliOperator, locale);
        fs.writeFileSync(o.out, html);
        process.stdout.write(`wrote ${o.out} (${Buffer.byteLength(html)} bytes)\n`);
      });
    });
}
