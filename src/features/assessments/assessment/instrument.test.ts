import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../../config/config.ts';
import { formatDataProblem } from '../../../platform/data-files.ts';
import { readMechanismFiles } from '../../directory/service.ts';
import { DOMAIN_IDS, readLibrary } from './instrument.ts';

const data = path.join(projectRoot, 'data');
const known = new Set(readMechanismFiles(path.join(data, 'support')).records.map((r) => r.id));

/** A copy of the shipped files with one change, to check that the checks catch it. */
function copyWith(change: (instrument: any, actions: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-instrument-'));
  fs.mkdirSync(path.join(dir, 'assessment'));
  fs.cpSync(path.join(data, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
  const instrument = parse(fs.readFileSync(path.join(data, 'assessment/instrument.yaml'), 'utf8'));
  const actions = parse(fs.readFileSync(path.join(data, 'assessment/actions.yaml'), 'utf8'));
  change(instrument, actions);
  fs.writeFileSync(path.join(dir, 'assessment/instrument.yaml'), stringify(instrument));
  fs.writeFileSync(path.join(dir, 'assessment/actions.yaml'), stringify(actions));
  return dir;
}

describe('the shipped instrument, actions and what-if cards', () => {
  it('are valid, cover every domain, and link only to records in the directory', () => {
    const { library, problems } = readLibrary(data, known);
    expect(problems).toEqual([]);
    expect(library!.instrument.domains.map((d) => d.id).sort()).toEqual([...DOMAIN_IDS].sort());
    expect(library!.instrument.context).toHaveLength(4);
    expect([...library!.scenarios.keys()].sort()).toEqual([
      'bank-freeze',
      'internet-shutdown',
      'office-raid',
      'partner-shut-down',
      'registration-revoked',
      'restrictive-law',
      'smear-campaign',
      'staff-arrest',
    ]);
    for (const required of [
      'internal-risk-assessment',
      'diversify-funding',
      'awareness-campaign',
      'know-your-rights-training',
      'monitor-and-report',
      'naming-and-faming',
      'digital-safety-assessment',
      'digital-safety-training',
      'encrypted-messaging',
      'artistic-protest',
      'local-politics',
      'charitable-action',
      'service-delivery',
    ]) {
      expect(library!.actions.has(required), required).toBe(true);
    }
  });

  it('catch an unknown action, a repeated question id, a missing answer level and an unknown record', () => {
    const broken = copyWith((instrument, actions) => {
      instrument.domains[0].actions.push('no-such-action');
      instrument.domains[1].threats[0].id = instrument.domains[0].threats[0].id;
      delete instrument.domains[2].vulnerabilities[0].levels['3'];
      actions.actions[0].mechanisms = ['no-such-record'];
    });
    const messages = readLibrary(broken, known).problems.map(formatDataProblem).join('\n');
    expect(messages).toContain('needs exactly the levels 1 to 5');
    fs.rmSync(broken, { recursive: true });
    const second = copyWith((instrument, actions) => {
      instrument.domains[0].actions.push('no-such-action');
      instrument.domains[1].threats[0].id = instrument.domains[0].threats[0].id;
      actions.actions[0].mechanisms = ['no-such-record'];
    });
    const more = readLibrary(second, known).problems.map((p) => p.message);
    expect(more).toContain('unknown action no-such-action');
    expect(more.some((m) => m.includes('is used twice'))).toBe(true);
    expect(more).toContain('unknown directory record no-such-record');
    fs.rmSync(second, { recursive: true });
  });
});
