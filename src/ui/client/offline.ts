// The offline edition's only script (inline, allowed by its hash). Without it the file shows every
// flow step and the whole directory as linked sections; with it, one step at a time and a search.
function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
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
const texts = new Map(cards.map((c) => [c, normalize(c.dataset.text ?? c.textContent ?? '')]));

function applyFilters(): void {
  const words = normalize(search?.value ?? '').split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const card of cards) {
    const text = texts.get(card) ?? '';
    const ok =
      words.every((w) => text.includes(w)) &&
      filters.every((f) => !f.value || (card.dataset[f.dataset.filter ?? ''] ?? '').split(' ').includes(f.value)) &&
      (!alwaysOn?.checked || card.dataset.alwaysOn === 'true');
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
