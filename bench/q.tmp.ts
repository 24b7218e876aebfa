import path from 'node:path';
import { readMechanismFiles } from '../src/features/directory/service.ts';
import { DirectoryIndex } from '../src/features/directory/search.ts';
import { compileSynonyms, readSynonyms } from '../src/features/directory/synonyms.ts';
const { records } = readMechanismFiles('data/support');
const index = new DirectoryIndex(records, { synonyms: compileSynonyms(readSynonyms('data').file) });
for (const [q, l] of [['arrested','en'],['detenido','es'],['ddos','en']] as const) {
  const r = index.search({ q, kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: false }, { limit: 8, offset: 0 }, l);
  console.log(q, r.items.map((m) => m.id + ':' + m.kinds.join('/')).join('  '));
}
