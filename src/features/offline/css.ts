// The offline edition inlines the site's stylesheet; most of its rules style pages the file does not
// have (forms, accounts, the assessment). Keeping only the rules whose classes and ids occur in the
// file saves a tenth of its budget (decision 0019). A rule is kept unless it surely cannot match.

/** Splits minified CSS into top-level blocks: [prelude, body] (body without its braces). */
function blocks(css: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    for (; j < css.length && depth > 0; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
    }
    out.push([css.slice(i, open).trim(), css.slice(open + 1, j - 1)]);
    i = j;
  }
  return out;
}

/** Splits a selector list at its top-level commas (not those inside :is(), :not() or [attr]). */
function selectorsOf(prelude: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(prelude.slice(start, i));
      start = i + 1;
    }
  }
  out.push(prelude.slice(start));
  return out;
}

/** Whether one selector may match: each class and id it names occurs in the document. */
function mayMatch(selector: string, classes: Set<string>, ids: Set<string>): boolean {
  // What is inside [attr] or a functional pseudo-class (:not(.x)) need not occur.
  const bare = selector.replace(/\[[^\]]*\]/g, '').replace(/:[\w-]+\([^)]*\)/g, '');
  for (const [, sigil, name] of bare.matchAll(/([.#])(-?[_a-zA-Z][\w-]*)/g)) {
    if (!(sigil === '.' ? classes : ids).has(name!)) return false;
  }
  return true;
}

/** The rules of `css` that may style `html`; at-rules other than @media are kept whole. */
export function usedCss(css: string, html: string): string {
  const classes = new Set([...html.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!));
  // Classes the file's own script adds at run time.
  classes.add('js');
  const keep = (source: string): string =>
    blocks(source)
      .map(([prelude, body]) => {
        if (prelude.startsWith('@media')) {
          const inner = keep(body);
          return inner ? `${prelude}{${inner}}` : '';
        }
        if (prelude.startsWith('@')) return `${prelude}{${body}}`;
        const selectors = selectorsOf(prelude).filter((s) => mayMatch(s, classes, ids));
        return selectors.length > 0 ? `${selectors.join(',')}{${body}}` : '';
      })
      .join('');
  return keep(css);
}
