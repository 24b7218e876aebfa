// The forecast's reasons in plain words: every feature the model uses has its words in every language,
// a space-specific one names its space, and a feature added later without words is shown by its name.
import { describe, expect, it } from 'vitest';
import { LOCALES, translator } from '../../platform/i18n/index.ts';
import { FEATURE_NAMES } from './forecast/features.ts';
import { factorLabel } from './views/forecast.tsx';

describe('forecast factors in words', () => {
  it.each(LOCALES)('%s names every feature of the model', (locale) => {
    const t = translator(locale);
    const other = t('countries.forecast.factor.other', { name: '' });
    for (const feature of FEATURE_NAMES) {
      const label = factorLabel(t, feature);
      expect(label.includes(other.slice(0, 8)), `${locale} ${feature}: ${label}`).toBe(false);
      expect(label).not.toContain('countries.forecast');
      if (feature.startsWith('v2xcs_ccsi.')) expect(label).toContain(t('countries.space.associational'));
    }
  });

  it('shows a feature it has no words for by its name', () => {
    const t = translator('en');
    expect(factorLabel(t, 'v2xcs_ccsi.somethingNew')).toBe('another indicator (v2xcs_ccsi.somethingNew)');
    expect(factorLabel(t, 'v2x_pubcorr.level')).toBe('Economic space: current level');
  });
});
