import { describe, expect, it } from 'vitest';
import { leadOf } from './entry.tsx';

describe('leadOf', () => {
  it('keeps whole sentences while they fit, and always the first', () => {
    expect(leadOf('One. Two is here. Three.', 12)).toBe('One.');
    expect(leadOf('One. Two is here. Three.', 17)).toBe('One. Two is here.');
    expect(leadOf('One. Two is here. Three.', 100)).toBe('One. Two is here. Three.');
    expect(leadOf('A first sentence far longer than the limit. Then more.', 10)).toBe(
      'A first sentence far longer than the limit.',
    );
  });

  it('ends sentences at Arabic and other marks, and keeps closing quotes with them', () => {
    expect(leadOf('هل تحتاج مساعدة؟ اتصل بنا الآن.', 18)).toBe('هل تحتاج مساعدة؟');
    expect(leadOf('Il dit « oui. » Puis non.', 16)).toBe('Il dit « oui. »');
    expect(leadOf('No mark at all', 5)).toBe('No mark at all');
  });
});
