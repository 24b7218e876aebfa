import { describe, expect, it } from 'vitest';
import { usedCss } from './css.ts';

const html = '<html><body class="x"><main id="top"><p class="card meta">t</p></main></body></html>';

describe('usedCss', () => {
  it('keeps rules whose classes and ids the document has, and element rules', () => {
    const css = 'p{margin:0}.card{padding:1px}.form-row{gap:1px}#top{color:red}#nav{color:blue}';
    expect(usedCss(css, html)).toBe('p{margin:0}.card{padding:1px}#top{color:red}');
  });

  it('trims a selector list to the selectors that may match, inside @media too', () => {
    const css = '.card,.other{a:b}@media(max-width:10rem){.card .meta{c:d}.gone{e:f}}@media print{.gone{g:h}}';
    expect(usedCss(css, html)).toBe('.card{a:b}@media(max-width:10rem){.card .meta{c:d}}');
  });

  it('does not require what is inside [attr] or :not(), keeps other at-rules, and knows the script adds .js', () => {
    const css = '.card:not(.open){a:b}[hidden]{c:d}.js .card{e:f}@font-face{font-family:x}:is(.gone,.card){g:h}';
    expect(usedCss(css, html)).toBe(css);
  });
});
