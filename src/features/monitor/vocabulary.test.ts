import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../config/config.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import {
  RELIABILITY,
  RIGHTS,
  VOCABULARY_KINDS,
  idsOf,
  labelOf,
  readVocabulary,
  vocabularyFile,
  type VocabularyKind,
} from './vocabulary.ts';

const data = path.join(projectRoot, 'data');
const shipped = (kind: VocabularyKind) =>
  parse(fs.readFileSync(path.join(data, 'monitor', vocabularyFile(kind)), 'utf8')) as {
    entries: Record<string, unknown>[];
  };

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped lists with some of them changed, to check that the checks catch it. */
function copyWith(changes: Partial<Record<VocabularyKind, (file: ReturnType<typeof shipped>) => void>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-vocabulary-'));
  copies.push(dir);
  fs.mkdirSync(path.join(dir, 'monitor'));
  for (const kind of VOCABULARY_KINDS) {
    const file = shipped(kind);
    changes[kind]?.(file);
    fs.writeFileSync(path.join(dir, 'monitor', vocabularyFile(kind)), stringify(file));
  }
  return dir;
}

describe('the shipped monitor vocabularies', () => {
  it('load with no problems, every entry in every list as the files hold them', () => {
    const { vocabulary, problems } = readVocabulary(data);
    expect(problems).toEqual([]);
    for (const kind of VOCABULARY_KINDS) {
      const entries = shipped(kind).entries;
      expect(
        vocabulary![kind].map((e) => e.id),
        kind,
      ).toEqual(entries.map((e) => e.id));
      expect(idsOf(vocabulary!, kind).size, kind).toBe(entries.length);
    }
    expect(idsOf(vocabulary!, 'rights')).toEqual(new Set(RIGHTS));
    expect(vocabulary!.reliability.map((e) => e.id)).toEqual([...RELIABILITY]);
    expect(vocabulary!.violations.length).toBeGreaterThanOrEqual(24);
    expect(vocabulary!.verification.filter((e) => e.needsSecondPerson).map((e) => e.id)).toEqual(['verified']);
  });

  it('give each label in the reader’s language, and the id for one the list no longer holds', () => {
    const { vocabulary } = readVocabulary(data);
    const detention = shipped('violations').entries.find((e) => e.id === 'detention-of-protesters')!;
    for (const locale of LOCALES)
      expect(labelOf(vocabulary!, 'violations', 'detention-of-protesters', locale)).toBe(
        (detention.label as Record<string, string>)[locale],
      );
    expect(labelOf(vocabulary!, 'roles', 'victim', 'ar')).not.toBe(labelOf(vocabulary!, 'roles', 'victim', 'en'));
    expect(labelOf(vocabulary!, 'violations', 'retired-type', 'fr')).toBe('retired-type');
  });
});

describe('a broken copy of the vocabularies', () => {
  it('names the file and place of an unknown right, a repeated id and a missing Arabic label', () => {
    const dir = copyWith({
      violations: (file) => {
        file.entries[0]!.right = 'no-such-right';
        file.entries[2]!.id = file.entries[1]!.id;
      },
      roles: (file) => {
        delete (file.entries[1]!.label as Record<string, string>).ar;
      },
    });
    const { vocabulary, problems } = readVocabulary(dir);
    expect(vocabulary).toBeUndefined();
    const second = shipped('violations').entries[1]!.id;
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'violations.yaml', path: 'entries.0.right', message: 'unknown right no-such-right' },
        { file: 'violations.yaml', path: 'entries.2.id', message: `id ${second} is used twice` },
        { file: 'roles.yaml', path: 'entries.1.label.ar', message: 'is missing' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('catches an empty description, a fixed list missing an id or holding a new one, and no `other` type', () => {
    const dir = copyWith({
      precision: (file) => {
        (file.entries[0]!.description as Record<string, string>).ru = '  ';
      },
      perpetrators: (file) => {
        file.entries = file.entries.filter((e) => e.id !== 'unknown');
      },
      modes: (file) => {
        file.entries[1]!.id = 'neglect';
      },
      violations: (file) => {
        file.entries = file.entries.filter((e) => e.id !== 'other');
      },
    });
    const found = readVocabulary(dir).problems;
    expect(found).toEqual(
      expect.arrayContaining([
        { file: 'precision.yaml', path: 'entries.0.description.ru', message: 'is empty' },
        { file: 'perpetrators.yaml', path: 'entries', message: 'id unknown is missing' },
        { file: 'modes.yaml', path: 'entries.1.id', message: expect.stringContaining('unknown id neglect') },
        { file: 'modes.yaml', path: 'entries', message: 'id omission is missing' },
        { file: 'violations.yaml', path: 'entries', message: 'id other is missing' },
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('reports a missing file by name', () => {
    const dir = copyWith({});
    fs.rmSync(path.join(dir, 'monitor', 'source-kinds.yaml'));
    const { vocabulary, problems } = readVocabulary(dir);
    expect(vocabulary).toBeUndefined();
    expect(problems).toEqual([
      { file: 'source-kinds.yaml', path: '', message: expect.stringContaining('cannot be read') },
    ]);
  });
});
