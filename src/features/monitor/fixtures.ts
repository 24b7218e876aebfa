// Events for tests and benchmarks: real-looking, with distinctive names that must never leak.
import type { EventInput } from './model.ts';

export const VICTIM = 'Zhanna Kvyatkovskaya-Ostrova';
export const WITNESS_CONTACT = 'signal:+375-29-555-0199';

export function sampleEvent(over: Partial<EventInput> = {}): EventInput {
  return {
    title: `Detention of ${VICTIM} after the vigil`,
    description: `Police detained ${VICTIM} outside the courthouse in Hrodna after a peaceful vigil; she was held for 15 days.`,
    start: { date: '2026-03-14', precision: 'day' },
    end: null,
    place: { country: 'BY', region: 'Hrodna', point: { lat: 53.6779, lon: 23.8295 } },
    acts: [{ type: 'detention-of-protesters', mode: 'commission', right: 'assembly', note: '' }],
    parties: [
      { id: 'p1', role: 'victim', kind: 'person', name: VICTIM, category: '', contact: '', note: '' },
      {
        id: 'p2',
        role: 'source',
        kind: 'person',
        name: 'Anonymous witness',
        category: '',
        contact: WITNESS_CONTACT,
        note: '',
      },
      {
        id: 'p3',
        role: 'perpetrator',
        kind: 'group',
        name: 'District police unit',
        category: 'police',
        contact: '',
        note: '',
      },
    ],
    sources: [
      {
        id: 's1',
        kind: 'witness',
        url: '',
        description: 'Account given by a person who was at the vigil.',
        collector: 'Field monitor 7',
        capturedOn: '2026-03-15',
        reliability: 'probably-true',
        fileIds: [],
      },
    ],
    ...over,
  };
}
