import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDataProblem, readDataFile, readDataFolder } from './data-files.ts';

const item = z.object({ id: z.string(), size: z.number().int().min(1), tags: z.array(z.enum(['a', 'b'])) }).strict();

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-data-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('readDataFolder', () => {
  it('reads every YAML file in name order, validated, and leaves other files alone', () => {
    const dir = folder({
      'b.yaml': 'id: b\nsize: 2\ntags: [b]\n',
      'a.yml': 'id: a\nsize: 1\ntags: []\n',
      'notes.txt': 'not data',
    });
    const { items, problems } = readDataFolder(dir, item, { idIsFileName: true });
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { file: 'a.yml', value: { id: 'a', size: 1, tags: [] } },
      { file: 'b.yaml', value: { id: 'b', size: 2, tags: ['b'] } },
    ]);
  });

  it('reports a file that is not YAML as a problem of the whole file, and goes on', () => {
    const dir = folder({
      'broken.yaml': 'id: broken\ntags: [unclosed\n',
      'good.yaml': 'id: good\nsize: 1\ntags: []\n',
    });
    const { items, problems } = readDataFolder(dir, item, { idIsFileName: true });
    expect(items.map((i) => i.file)).toEqual(['good.yaml']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'broken.yaml', path: '' });
    expect(problems[0]!.message).toMatch(/^not valid YAML: /);
    expect(problems[0]!.message).not.toContain('\n');
  });

  it('reports each schema problem with its path in the file', () => {
    const dir = folder({ 'x.yaml': 'id: x\nsize: 0\ntags: [a, nonsense]\nextra: 1\n' });
    const { items, problems } = readDataFolder(dir, item);
    expect(items).toEqual([]);
    expect(problems.map((p) => [p.file, p.path])).toEqual([
      ['x.yaml', 'size'],
      ['x.yaml', 'tags.1'],
      ['x.yaml', ''],
    ]);
    expect(formatDataProblem(problems[1]!)).toMatch(/^x\.yaml tags\.1: /);
    expect(formatDataProblem(problems[2]!)).toMatch(/^x\.yaml: .*extra/);
  });

  it('checks that the id equals the file name, and that no two files share one', () => {
    const dir = folder({
      'right.yaml': 'id: right\nsize: 1\ntags: []\n',
      'wrong.yaml': 'id: other\nsize: 1\ntags: []\n',
      'twice.yaml': 'id: twice\nsize: 1\ntags: []\n',
      'twice.yml': 'id: twice\nsize: 2\ntags: []\n',
    });
    const { items, problems } = readDataFolder(dir, item, { idIsFileName: true });
    expect(items.map((i) => i.file)).toEqual(['right.yaml', 'twice.yaml']);
    expect(problems).toEqual([
      { file: 'twice.yml', path: 'id', message: 'is used by another file' },
      { file: 'wrong.yaml', path: 'id', message: 'must equal the file name (wrong)' },
    ]);
    expect(formatDataProblem(problems[1]!)).toBe('wrong.yaml id: must equal the file name (wrong)');
    // Without the option an id may be anything.
    expect(readDataFolder(dir, item).problems).toEqual([]);
  });

  it('skips the files another loader reads, and a missing folder is empty only when optional', () => {
    const dir = folder({ 'a.yaml': 'id: a\nsize: 1\ntags: []\n', 'other.yaml': 'something: else\n' });
    expect(readDataFolder(dir, item, { skip: (f) => f === 'other.yaml' }).problems).toEqual([]);
    const missing = path.join(dir, 'missing');
    expect(readDataFolder(missing, item, { optional: true })).toEqual({ items: [], problems: [] });
    expect(() => readDataFolder(missing, item)).toThrow();
  });
});

describe('readDataFile', () => {
  it('reads one file, named in its problems by its base name', () => {
    const dir = folder({ 'one.yaml': 'id: one\nsize: 3\ntags: [a]\n', 'bad.yaml': 'id: bad\nsize: many\ntags: []\n' });
    expect(readDataFile(path.join(dir, 'one.yaml'), item)).toEqual({
      value: { id: 'one', size: 3, tags: ['a'] },
      problems: [],
    });
    const bad = readDataFile(path.join(dir, 'bad.yaml'), item);
    expect(bad.value).toBeUndefined();
    expect(bad.problems.map((p) => [p.file, p.path])).toEqual([['bad.yaml', 'size']]);
  });

  it('a missing file is a problem, unless it is optional', () => {
    const dir = folder({});
    const missing = readDataFile(path.join(dir, 'nowhere.yaml'), item);
    expect(missing.problems).toHaveLength(1);
    expect(missing.problems[0]).toMatchObject({ file: 'nowhere.yaml', path: '' });
    expect(missing.problems[0]!.message).toMatch(/^cannot be read: /);
    expect(readDataFile(path.join(dir, 'nowhere.yaml'), item, { optional: true })).toEqual({ problems: [] });
  });
});
