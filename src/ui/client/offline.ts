// The offline edition's only script (inline, allowed by its hash). Without it the file shows every
// flow step and the whole directory as linked sections; with it, one step at a time and a search.
function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const steps = Array.from(document.querySelectorAll<HTMLElement>('.step'));
const stepIds = new Set(steps.map((s) => s.id));

function showStep(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const current = stepIds.has(id) ? id : steps[0]?.id;
  for (const s of steps) s.hidden = s.id !== current;
}

if (steps.length > 0) {
  document.documentElement.classList.add('js');
  window.addEventListener('hashchange', showStep);
  showStep();
}

const search = document.getElementById('q') as HTMLInputElement | null;
const filters = Array.from(document.querySelectorAll<HTMLSelectElement>('select[data-filter]'));
const alwaysOn = document.getElementById('always-on') as HTMLInputElement | null;
const cards = Array.from(document.querySelectorAll<HTMLElement>('.mechanism'));
const count = document.getElementById('count');
// A card's search text: what it shows (names, kinds and this language's text; decision 0019).
const texts = new Map(cards.map((c) => [c, normalize(c.textContent ?? '')]));

// The file's synonyms (its language and English), as the server search uses them: a word also finds
// records holding every word of one of its phrases; small words are skipped while others remain.
interface Synonyms {
  ignore: string[];
  words: Record<string, string[]>;
}
let synonyms: Synonyms = { ignore: [], words: {} };
try {
  synonyms = JSON.parse(search?.dataset.synonyms ?? '') as Synonyms;
} catch {
  // No synonyms: plain word search.
}
const ignore = new Set(synonyms.ignore.map(normalize));
const phrases = new Map(
  Object.entries(synonyms.words).map(([w, list]) => [
    normalize(w),
    list.map((p) =>
      normalize(p)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ]),
);

/** Each query word with its alternatives (itself first); each alternative is words that must all be there. */
function queryWords(value: string): string[][][] {
  let words = normalize(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const kept = words.filter((w) => !ignore.has(w));
  if (kept.length > 0) words = kept;
  return words.map((w) => [[w], ...(phrases.get(w) ?? [])]);
}

/** Whether a card's data-{filter} (k kinds, r regions, l languages) holds the value; global works everywhere. */
function holds(card: HTMLElement, filter: string, value: string): boolean {
  const values = (card.dataset[filter] ?? '').split(' ');
  return values.includes(value) || (filter === 'r' && values.includes('global'));
}

function applyFilters(): void {
  const words = queryWords(search?.value ?? '');
  let shown = 0;
  for (const card of cards) {
    const text = texts.get(card) ?? '';
    const ok =
      words.every((alternatives) => alternatives.some((phrase) => phrase.every((w) => text.includes(w)))) &&
      filters.every((f) => !f.value || holds(card, f.dataset.filter ?? '', f.value)) &&
      (!alwaysOn?.checked || card.dataset.a === '1');
    card.hidden = !ok;
    if (ok) shown++;
  }
  if (count) count.textContent = String(shown);
}

const tools = document.getElementById('directory-tools');
if (tools) {
  tools.hidden = false;
  search?.addEventListener('input', applyFilters);
  for (const f of filters) f.addEventListener('change', applyFilters);
  alwaysOn?.addEventListener('change', applyFilters);
}
