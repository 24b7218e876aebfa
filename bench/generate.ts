// Deterministic synthetic support mechanisms for the search benchmark: realistic, varied names and
// summaries from word lists, taxonomy values drawn from the real vocabularies, every record valid.
// Summaries (and, for half the records, "how to reach") come in the five languages, as the shipped
// records do, so the index holds as much text per record as the real directory.
import { mechanismSchema, type Mechanism } from '../src/features/directory/schema.ts';
import { KINDS, REGIONS, SERVES, THEMES } from '../src/features/directory/taxonomy.ts';
import { LOCALES, type Locale } from '../src/platform/i18n/locales.ts';
import { seededRandom } from '../src/platform/prng.ts';

/** mulberry32: a small, fast, seeded PRNG (same seed, same records, every run). */
export const prng = seededRandom;

const PLACES = [
  'Pan-African',
  'Andean',
  'Balkan',
  'Baltic',
  'Caribbean',
  'Central Asian',
  'Danube',
  'East African',
  'Gulf',
  'Horn of Africa',
  'Levant',
  'Maghreb',
  'Mekong',
  'Nordic',
  'Pacific',
  'Sahel',
  'South Asian',
  'Southern Cone',
  'Caucasus',
  'Great Lakes',
  'Iberian',
  'Mesoamerican',
  'West African',
  'Global',
  'Regional',
  'International',
  'Himalayan',
  'Amazonian',
  'Black Sea',
  'Mediterranean',
];
const QUALITIES = [
  'Rapid',
  'Emergency',
  'Urgent',
  'Safe',
  'Secure',
  'Open',
  'Civic',
  'Independent',
  'Community',
  'Solidarity',
  'Frontline',
  'Resilient',
  'Trusted',
  'Shared',
  'Joint',
  'Mutual',
  'Free',
  'Protective',
  'Collective',
  'Citizen',
];
const TOPICS: Record<string, string[]> = {
  assembly: ['Assembly', 'Peaceful Protest', 'Demonstration', 'Gathering'],
  association: ['Association', 'Civil Society', 'Organising', 'Union'],
  expression: ['Free Expression', 'Press Freedom', 'Media', 'Speech', 'Reporting'],
  digital: ['Digital Security', 'Cyber Safety', 'Online Safety', 'Encryption', 'Device Security'],
  lgbtqia: ['LGBTQIA+ Rights', 'Queer Safety', 'Pride', 'Equality'],
  'nonprofit-law': ['Nonprofit Law', 'NGO Registration', 'Foreign Agent Law', 'Charity Law'],
  banking: ['Banking Access', 'Financial Inclusion', 'Bank Account', 'Payments'],
  protest: ['Protest', 'Street Medic', 'Protester Support', 'Detention'],
  funding: ['Funding', 'Grants', 'Philanthropy', 'Donor'],
};
const KIND_NOUNS: Record<string, string[]> = {
  'emergency-grant': ['Emergency Fund', 'Rapid Response Grant', 'Urgent Action Fund'],
  'resilience-grant': ['Resilience Grant', 'Sustainability Fund', 'Core Support Fund'],
  'advocacy-grant': ['Advocacy Grant', 'Campaign Fund', 'Policy Change Fund'],
  relocation: ['Relocation Programme', 'Safe Passage Scheme', 'Temporary Relocation Initiative'],
  shelter: ['Shelter City', 'Safe House Network', 'Refuge Programme'],
  'protection-hotline': ['Protection Hotline', 'Emergency Line', 'Defenders Hotline'],
  'digital-security-helpline': ['Digital Security Helpline', 'Tech Helpdesk', 'Security Help Desk'],
  'incident-response': ['Incident Response Team', 'Rapid Forensics Lab', 'CERT'],
  'legal-aid': ['Legal Aid Network', 'Pro Bono Lawyers', 'Legal Defence Fund'],
  'legal-guide': ['Legal Guide', 'Know Your Rights Handbook', 'Legal Toolkit'],
  'banking-guide': ['Banking Guide', 'De-risking Toolkit', 'Financial Access Guide'],
  training: ['Training Academy', 'Security Training', 'Capacity Programme'],
  directory: ['Directory', 'Resource Map', 'Support Index'],
  monitor: ['Monitor', 'Observatory', 'Tracker'],
  forecasting: ['Early Warning System', 'Forecast', 'Risk Radar'],
  'funder-resources': ['Funder Resource Hub', 'Donor Toolkit', 'Funders Circle'],
  'threat-sharing': ['Threat Sharing Network', 'Alert Exchange', 'Threat Feed'],
  'policy-mechanism': ['Policy Mechanism', 'Special Procedure', 'Complaints Mechanism'],
  'urgent-appeal': ['Urgent Appeals Desk', 'Urgent Action Network', 'Appeals Programme'],
  accompaniment: ['Accompaniment Project', 'Peace Observers', 'Protective Presence Team'],
  'defender-network': ['Defenders Network', 'Defenders Coalition', 'Protection Network'],
  psychosocial: ['Wellbeing Programme', 'Healing House', 'Care Collective'],
  'website-protection': ['Web Shield', 'DDoS Protection Service', 'Site Defence'],
  circumvention: ['Circumvention Tool', 'Open Proxy', 'Censorship Bypass'],
};
const OPERATOR_FORMS = [
  '{x} Foundation',
  '{x} Trust',
  'Friends of {x}',
  '{x} Network',
  '{x} Alliance',
  'Centre for {x}',
  '{x} Collective',
  '{x} Institute',
];
const OPERATOR_WORDS = [
  'Civic',
  'Liberty',
  'Horizon',
  'Meridian',
  'Beacon',
  'Harbour',
  'Compass',
  'Lantern',
  'Bridge',
  'Anchor',
  'Open Society',
  'Democracy',
  'Rights',
  'Justice',
  'Dignity',
  'Freedom',
  'Commons',
  'Keystone',
];
type Lang = Locale;
const TEXT_LANGS: readonly Lang[] = LOCALES;
/** Phrase lists in the five languages, same meaning at the same position. */
type Phrases = Record<Lang, string[]>;

const AUDIENCE_KEYS = [
  'cso',
  'hrd',
  'journalist',
  'protester',
  'lgbtqia',
  'funder',
  'activist',
  'government',
  'lawyer',
  'scholar',
  'artist',
  'women',
];
const AUDIENCE: Phrases = {
  en: [
    'civil society organisations',
    'human rights defenders',
    'journalists and media workers',
    'protesters',
    'LGBTQIA+ activists',
    'funders and donors',
    'activists',
    'governments and public officials',
    'lawyers',
    'scholars and students',
    'artists and writers',
    'women human rights defenders',
  ],
  es: [
    'organizaciones de la sociedad civil',
    'personas defensoras de derechos humanos',
    'periodistas y trabajadores de medios',
    'manifestantes',
    'activistas LGBTQIA+',
    'financiadores y donantes',
    'activistas',
    'gobiernos y funcionarios públicos',
    'abogadas y abogados',
    'académicos y estudiantes',
    'artistas y escritores',
    'defensoras de derechos humanos',
  ],
  fr: [
    'organisations de la société civile',
    'défenseurs des droits humains',
    'journalistes et professionnels des médias',
    'manifestants',
    'militants LGBTQIA+',
    'bailleurs et donateurs',
    'militants',
    'gouvernements et agents publics',
    'avocats',
    'universitaires et étudiants',
    'artistes et écrivains',
    'défenseures des droits humains',
  ],
  ar: [
    'منظمات المجتمع المدني',
    'المدافعين عن حقوق الإنسان',
    'الصحفيين والعاملين في الإعلام',
    'المحتجين',
    'ناشطي مجتمع الميم',
    'المانحين والممولين',
    'الناشطين',
    'الحكومات والمسؤولين العموميين',
    'المحامون',
    'الأكاديميون والطلاب',
    'الفنانون والكتّاب',
    'المدافعات عن حقوق الإنسان',
  ],
  ru: [
    'организации гражданского общества',
    'правозащитники',
    'журналисты и работники СМИ',
    'участники протестов',
    'ЛГБТКИА+ активисты',
    'доноры и фонды',
    'активисты',
    'органы власти и чиновники',
    'адвокаты',
    'учёные и студенты',
    'художники и писатели',
    'правозащитницы',
  ],
};
const OPENERS: Phrases = {
  en: [
    'Offers {what} to {who} facing {threat}.',
    'Supports {who} who face {threat}, with {what}.',
    'A programme that gives {who} {what} when they face {threat}.',
    'Helps {who} under {threat} with {what}.',
  ],
  es: [
    'Ofrece {what} a {who} que enfrentan {threat}.',
    'Apoya con {what} a {who} ante {threat}.',
    'Un programa que da {what} a {who} cuando enfrentan {threat}.',
    'Ayuda a {who} bajo {threat} con {what}.',
  ],
  fr: [
    'Offre {what} aux {who} confrontés à {threat}.',
    'Soutient les {who} face à {threat}, avec {what}.',
    'Un programme qui apporte {what} aux {who} face à {threat}.',
    'Aide les {who} exposés à {threat} avec {what}.',
  ],
  ar: [
    'يقدّم {what} إلى {who} الذين يواجهون {threat}.',
    'يدعم {who} في مواجهة {threat} عبر {what}.',
    'برنامج يمنح {who} {what} عند مواجهة {threat}.',
    'يساعد {who} المعرّضين لـ{threat} عبر {what}.',
  ],
  ru: [
    'Предлагает {what} для групп «{who}», столкнувшихся с угрозой: {threat}.',
    'Поддерживает группы «{who}» при угрозе «{threat}»: {what}.',
    'Программа, которая даёт группам «{who}» {what}, когда им грозит {threat}.',
    'Помогает группам «{who}» в ситуации «{threat}»: {what}.',
  ],
};
const WHAT: Phrases = {
  en: [
    'small grants paid within days',
    'confidential advice',
    'legal representation',
    'secure devices and training',
    'temporary relocation',
    'a safe place to rest',
    'round-the-clock support',
    'forensic analysis of attacks',
    'guidance on opening a bank account',
    'help registering an organisation',
    'medical and psychological care',
    'practical checklists',
    'peer mentoring',
    'emergency funding for security',
    'help with visas and travel',
  ],
  es: [
    'pequeñas subvenciones pagadas en días',
    'asesoría confidencial',
    'representación legal',
    'dispositivos seguros y capacitación',
    'reubicación temporal',
    'un lugar seguro para descansar',
    'apoyo a toda hora',
    'análisis forense de ataques',
    'orientación para abrir una cuenta bancaria',
    'ayuda para registrar una organización',
    'atención médica y psicológica',
    'listas de verificación prácticas',
    'mentoría entre pares',
    'fondos de emergencia para seguridad',
    'ayuda con visados y viajes',
  ],
  fr: [
    'de petites subventions versées en quelques jours',
    'des conseils confidentiels',
    'une représentation juridique',
    'des appareils sécurisés et des formations',
    'une relocalisation temporaire',
    'un lieu sûr pour se reposer',
    'un soutien jour et nuit',
    'une analyse forensique des attaques',
    'des conseils pour ouvrir un compte bancaire',
    'une aide pour enregistrer une organisation',
    'des soins médicaux et psychologiques',
    'des listes de contrôle pratiques',
    'un mentorat entre pairs',
    'un financement d’urgence pour la sécurité',
    'une aide pour les visas et les voyages',
  ],
  ar: [
    'منحًا صغيرة تُصرف خلال أيام',
    'استشارة سرية',
    'تمثيلًا قانونيًا',
    'أجهزة آمنة وتدريبًا',
    'نقلًا مؤقتًا إلى مكان آمن',
    'مكانًا آمنًا للراحة',
    'دعمًا على مدار الساعة',
    'تحليلًا جنائيًا رقميًا للهجمات',
    'إرشادًا لفتح حساب مصرفي',
    'مساعدة في تسجيل منظمة',
    'رعاية طبية ونفسية',
    'قوائم تحقق عملية',
    'إرشادًا من الأقران',
    'تمويلًا طارئًا للأمن',
    'مساعدة في التأشيرات والسفر',
  ],
  ru: [
    'небольшие гранты за несколько дней',
    'конфиденциальные консультации',
    'юридическое представительство',
    'защищённые устройства и обучение',
    'временную релокацию',
    'безопасное место для отдыха',
    'круглосуточную поддержку',
    'криминалистический анализ атак',
    'советы по открытию банковского счёта',
    'помощь в регистрации организации',
    'медицинскую и психологическую помощь',
    'практические чек-листы',
    'наставничество коллег',
    'экстренное финансирование безопасности',
    'помощь с визами и поездками',
  ],
};
const THREATS: Phrases = {
  en: [
    'arrest',
    'surveillance',
    'smear campaigns',
    'frozen bank accounts',
    'raids',
    'phishing',
    'spyware',
    'travel bans',
    'deregistration',
    'threats of violence',
    'judicial harassment',
    'internet shutdowns',
    'restrictive laws',
    'detention',
  ],
  es: [
    'arresto',
    'vigilancia',
    'campañas de desprestigio',
    'cuentas bancarias congeladas',
    'allanamientos',
    'phishing',
    'software espía',
    'prohibiciones de viajar',
    'cancelación del registro',
    'amenazas de violencia',
    'acoso judicial',
    'cortes de internet',
    'leyes restrictivas',
    'detención',
  ],
  fr: [
    'l’arrestation',
    'la surveillance',
    'les campagnes de dénigrement',
    'le gel des comptes bancaires',
    'les perquisitions',
    'l’hameçonnage',
    'les logiciels espions',
    'les interdictions de voyager',
    'la radiation',
    'les menaces de violence',
    'le harcèlement judiciaire',
    'les coupures d’internet',
    'les lois restrictives',
    'la détention',
  ],
  ar: [
    'الاعتقال',
    'المراقبة',
    'حملات التشهير',
    'تجميد الحسابات المصرفية',
    'المداهمات',
    'التصيد الاحتيالي',
    'برامج التجسس',
    'حظر السفر',
    'شطب التسجيل',
    'التهديد بالعنف',
    'المضايقة القضائية',
    'قطع الإنترنت',
    'القوانين المقيّدة',
    'الاحتجاز',
  ],
  ru: [
    'арест',
    'слежка',
    'кампании травли',
    'заморозка банковских счетов',
    'обыски',
    'фишинг',
    'шпионские программы',
    'запреты на выезд',
    'лишение регистрации',
    'угрозы насилием',
    'судебное преследование',
    'отключения интернета',
    'репрессивные законы',
    'задержание',
  ],
};
const CLOSERS: Phrases = {
  en: [
    'Requests are answered in {lang}.',
    'Applications are reviewed on a rolling basis.',
    'It is free and confidential.',
    'Contact is possible by encrypted message.',
    'Priority goes to those at immediate risk.',
    'It works with local partners in each country.',
    'No organisation needs to be registered to apply.',
    'Support can include family members.',
    'Decisions are usually made within a week.',
  ],
  es: [
    'Las solicitudes se responden en {lang}.',
    'Las solicitudes se revisan de forma continua.',
    'Es gratuito y confidencial.',
    'Se puede contactar por mensaje cifrado.',
    'Tienen prioridad quienes corren un riesgo inmediato.',
    'Trabaja con socios locales en cada país.',
    'No hace falta que la organización esté registrada.',
    'El apoyo puede incluir a familiares.',
    'Suele decidir en una semana.',
  ],
  fr: [
    'Les demandes reçoivent une réponse en {lang}.',
    'Les candidatures sont examinées en continu.',
    'C’est gratuit et confidentiel.',
    'Le contact est possible par message chiffré.',
    'La priorité va aux personnes en danger immédiat.',
    'Il travaille avec des partenaires locaux dans chaque pays.',
    'Aucune organisation n’a besoin d’être enregistrée.',
    'Le soutien peut inclure la famille.',
    'Les décisions sont prises en général sous une semaine.',
  ],
  ar: [
    'يُرد على الطلبات بـ{lang}.',
    'تُراجع الطلبات بشكل مستمر.',
    'الخدمة مجانية وسرية.',
    'يمكن التواصل برسالة مشفّرة.',
    'الأولوية لمن يواجهون خطرًا فوريًا.',
    'يعمل مع شركاء محليين في كل بلد.',
    'لا يشترط أن تكون المنظمة مسجلة.',
    'قد يشمل الدعم أفراد الأسرة.',
    'يصدر القرار عادة خلال أسبوع.',
  ],
  ru: [
    'На заявки отвечают на языках: {lang}.',
    'Заявки рассматриваются постоянно.',
    'Это бесплатно и конфиденциально.',
    'Связаться можно зашифрованным сообщением.',
    'Приоритет у тех, кто в непосредственной опасности.',
    'Работает с местными партнёрами в каждой стране.',
    'Регистрация организации не требуется.',
    'Поддержка может охватывать членов семьи.',
    'Решение обычно принимают в течение недели.',
  ],
};
const REACH: Phrases = {
  en: [
    'Write a short email first; do not put sensitive details in it.',
    'Use the form on the website; the team answers within two days.',
    'Call the hotline and give a number where you can be reached.',
    'Ask a partner organisation to refer you.',
  ],
  es: [
    'Escribe primero un correo breve, sin datos sensibles.',
    'Usa el formulario del sitio web; el equipo responde en dos días.',
    'Llama a la línea y deja un número donde puedan encontrarte.',
    'Pide a una organización aliada que te derive.',
  ],
  fr: [
    'Écrivez d’abord un court courriel, sans détails sensibles.',
    'Utilisez le formulaire du site ; l’équipe répond sous deux jours.',
    'Appelez la ligne et laissez un numéro où vous joindre.',
    'Demandez à une organisation partenaire de vous orienter.',
  ],
  ar: [
    'اكتب أولًا رسالة قصيرة دون تفاصيل حساسة.',
    'استخدم النموذج على الموقع؛ يرد الفريق خلال يومين.',
    'اتصل بالخط الساخن واترك رقمًا للتواصل معك.',
    'اطلب من منظمة شريكة أن تحيلك.',
  ],
  ru: [
    'Сначала напишите короткое письмо без чувствительных подробностей.',
    'Заполните форму на сайте; команда отвечает за два дня.',
    'Позвоните на горячую линию и оставьте номер для связи.',
    'Попросите партнёрскую организацию направить вас.',
  ],
};
const LANGS = ['en', 'es', 'fr', 'ar', 'ru', 'pt', 'de', 'tr', 'zh', 'sw', 'fa', 'uk', 'hi', 'id', 'my', 'am'];
/** Language names for the "answered in" closer, in each text language (codes beyond these stay codes). */
const LANG_NAMES: Record<Lang, Record<string, string>> = {
  en: { en: 'English', es: 'Spanish', fr: 'French', ar: 'Arabic', ru: 'Russian', pt: 'Portuguese' },
  es: { en: 'inglés', es: 'español', fr: 'francés', ar: 'árabe', ru: 'ruso', pt: 'portugués' },
  fr: { en: 'anglais', es: 'espagnol', fr: 'français', ar: 'arabe', ru: 'russe', pt: 'portugais' },
  ar: { en: 'الإنجليزية', es: 'الإسبانية', fr: 'الفرنسية', ar: 'العربية', ru: 'الروسية', pt: 'البرتغالية' },
  ru: { en: 'английский', es: 'испанский', fr: 'французский', ar: 'арабский', ru: 'русский', pt: 'португальский' },
};

export function generateMechanisms(count: number, seed = 20261124): Mechanism[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
    const n = min + int(max - min + 1);
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(int(pool.length), 1)[0]!);
    return out;
  };
  const fill = (template: string, vars: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  const records: Mechanism[] = [];
  for (let i = 0; i < count; i++) {
    const kinds = some(KINDS, 1, 2);
    const serves = some(SERVES, 1, 3);
    const themes = some(THEMES, 0, 3);
    const regions =
      rnd() < 0.15
        ? ['global' as const]
        : some(
            REGIONS.filter((r) => r !== 'global'),
            1,
            2,
          );
    const languages = [
      'en',
      ...some(
        LANGS.filter((l) => l !== 'en'),
        0,
        4,
      ),
    ];
    const topic = themes.length > 0 ? pick(TOPICS[themes[0]!]!) : '';
    const name = [pick(PLACES), rnd() < 0.5 ? pick(QUALITIES) : '', topic, pick(KIND_NOUNS[kinds[0]!]!)]
      .filter(Boolean)
      .join(' ');
    // Positions are drawn once; each language fills the same sentence plan with its own phrases.
    const audience = serves.map((v) => AUDIENCE_KEYS.indexOf(v));
    const plan = [
      { opener: int(OPENERS.en.length), what: int(WHAT.en.length), who: -1, threat: int(THREATS.en.length) },
      {
        opener: int(OPENERS.en.length),
        what: int(WHAT.en.length),
        who: audience[int(audience.length)]!,
        threat: int(THREATS.en.length),
      },
    ];
    const closers = [int(CLOSERS.en.length), rnd() < 0.5 ? int(CLOSERS.en.length) : -1];
    const reach = rnd() < 0.5 ? int(REACH.en.length) : -1;
    const summary = {} as Record<Lang, string>;
    const howToReach = {} as Record<Lang, string>;
    for (const lang of TEXT_LANGS) {
      const everyone = audience.map((a) => AUDIENCE[lang][a]).join(', ');
      summary[lang] = [
        ...plan.map((p) =>
          fill(OPENERS[lang][p.opener]!, {
            what: WHAT[lang][p.what]!,
            who: p.who < 0 ? everyone : AUDIENCE[lang][p.who]!,
            threat: THREATS[lang][p.threat]!,
          }),
        ),
        fill(CLOSERS[lang][closers[0]!]!, { lang: languages.map((l) => LANG_NAMES[lang][l] ?? l).join(', ') }),
        closers[1]! >= 0 ? fill(CLOSERS[lang][closers[1]!]!, { lang: LANG_NAMES[lang].en! }) : '',
      ]
        .filter(Boolean)
        .join(' ')
        .slice(0, 700);
      if (reach >= 0) howToReach[lang] = REACH[lang][reach]!;
    }
    const operator = fill(pick(OPERATOR_FORMS), { x: pick(OPERATOR_WORDS) });
    const slug = name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-|-$/g, '');
    const alwaysOn = kinds.some((k) => k.includes('hotline') || k.includes('helpline')) ? rnd() < 0.7 : rnd() < 0.05;
    records.push(
      mechanismSchema.parse({
        id: `${slug}-${i}`,
        name,
        operator,
        summary,
        ...(reach >= 0 ? { howToReach } : {}),
        kinds,
        serves,
        themes,
        regions,
        languages,
        alwaysOn,
        ...(rnd() < 0.5 ? { responseHours: 1 + int(72) } : {}),
        free: rnd() < 0.8,
        contact: { website: `https://example.org/${slug}-${i}` },
        verifiedAt: '2026-11-24',
        source: [{ title: 'Synthetic record for the search benchmark' }],
        version: 1,
      }),
    );
  }
  return records;
}
