/**
 * Generated applications for measuring name redaction: templates filled with
 * names (from the lexicon and from a list the lexicon does not contain) and
 * ordinary sentences that use name-like common words. Deterministic for a seed.
 */
import type { NameSpan } from './names.js';

/** One generated text with the spans that must be redacted. */
export interface NameCase {
  group: string;
  text: string;
  names: NameSpan[];
  /** Names given as the applicant's own (from the applicant record). */
  known: string[];
}

/** Names that are not in config/nlp/names.tr.json: found only by context. */
export const unseenFirstNames = [
  'Gökberk',
  'Eflin',
  'Tuana',
  'Miraç',
  'Çağan',
  'Alya',
  'Beren',
  'Armağan',
  'Nebahat',
  'Şahika',
];
export const unseenSurnames = [
  'Kocabıyık',
  'Tunçel',
  'Yeşilyurt',
  'Sarıbaş',
  'Ekşioğlu',
  'Gümüşdere',
  'Altınok',
  'Dervişoğlu',
];

type Slot = (name: string) => string;
const groups: Record<string, Slot[]> = {
  self_intro: [
    (n) => `Merhaba, ben ${n}. Sokağımızdaki çöpler haftalardır toplanmıyor.`,
    (n) => `Adım ${n}, mahallemizdeki parkın aydınlatması bozuk.`,
    (n) => `Benim adım ${n} ve su faturam hatalı geldi.`,
    (n) => `Ad Soyad: ${n}\nKonu: kaldırım çalışması`,
  ],
  relation: [
    (n) => `Komşum ${n} her gece yüksek sesle müzik dinliyor.`,
    (n) => `Eşim ${n} hastanede sıra bekletildi.`,
    (n) => `Ev sahibim ${n} depozitoyu geri vermiyor.`,
  ],
  marker: [
    (n) => `${n} isimli şahıs beni telefonla tehdit etti.`,
    (n) => `Otobüs şoförü ${n} Bey durakta durmadı.`,
    (n) => `Belediyede çalışan ${n} Hanım çok yardımcı oldu.`,
  ],
  signature: [
    (n) => `Gereğinin yapılmasını arz ederim.\nSaygılarımla,\n${n}`,
    (n) => `Yolumuz kış boyunca açılmadı. Saygılarımla, ${n}`,
  ],
  no_context: [
    (n) => `Dün ${n} ile birlikte belediyeye gittik ama kimse ilgilenmedi.`,
    (n) => `Okul müdürü olarak ${n} velilere bilgi vermedi.`,
  ],
  suffix: [(n) => `${n}'in dükkanının önü sürekli işgal ediliyor.`, (n) => `${n}'a ait araç yolu kapatıyor.`],
};

/**
 * Held-out forms, written after the detector was frozen and run once: the
 * figures on them are the robust ones (no rule was changed for them).
 */
const heldOutGroups: Record<string, Slot[]> = {
  heldout: [
    (n) => `Şikayetçi: ${n}\nKonu: su kesintisi`,
    (n) => `Bu dilekçeyi ${n} olarak yazıyorum.`,
    (n) => `${n} adlı vatandaş otobüse alınmadı.`,
    (n) => `Kızım ${n} okulda zorbalığa uğradı.`,
    (n) => `Mahalle muhtarı ${n} talebimizi dinlemedi.`,
    (n) => `Doktor ${n} beni muayene etmeden gönderdi.`,
    (n) => `İlgili memur ${n}, evrakımı kaybetti.`,
    (n) => `Saygılarımızla,\n${n} ve ailesi`,
    (n) => `${n.toLocaleUpperCase('tr')} OLARAK BAŞVURUYORUM`,
    (n) => `Başvuran: ${n}`,
    (n) => `Ben ${n}, üç çocuk annesiyim.`,
    (n) => `Kiracımız ${n} aidatları ödemiyor.`,
  ],
};

/** Held-out ordinary sentences (same rule as `heldOutGroups`). */
export const heldOutOrdinary = [
  "Umut Mahallesi'nde kanalizasyon taştı.",
  'Güneş panelleri okulun çatısına takılmadı.',
  'Deniz otobüsü seferleri iptal edildi.',
  'Savaş Caddesi üzerindeki ışıklar bozuk.',
  'Barış Manço Kültür Merkezi kapalı.',
  'Ahmet Yesevi Üniversitesi öğrencileri yurt bulamıyor.',
  'Kurban Bayramı öncesi hayvan pazarı denetlenmedi.',
  'Emine Erdoğan Parkı bakımsız.',
  'Şeker fabrikası kapanınca işsiz kaldık.',
  'Nur içinde yatsın, cenaze aracı geç geldi.',
  'Kader mahkumu gibi bekletiliyoruz.',
  'Çınar ağacı kesildi, kimse sormadı.',
  'Ramazan Bayramı nedeniyle kapalıydı.',
  'İpek yolu projesi durdu.',
  'Bahar gelince yollar yine çamur olacak.',
  'Sevgi evlerinde kalan çocuklar için yardım istiyoruz.',
  'Aslı astarından pahalı bir proje yapılıyor.',
  'Ceylan gibi koşan çocuklar için park istiyoruz.',
  "Ordu Caddesi'nde çukurlar var.",
  'Sayın Başkanım, sokak lambaları yanmıyor.',
];

/** Sentences with name-like common words used as words: nothing may be redacted. */
export const ordinarySentences = [
  'Barış içinde yaşamak istiyoruz, mahallede kavga bitmiyor.',
  'Güneş doğmadan çöp kamyonu geçiyor ve herkesi uyandırıyor.',
  'Yoldaki büyük kaya düşmek üzere, lütfen önlem alın.',
  'Derya gibi bilgisi olan bir personel bulmak zor.',
  'Umut ediyoruz ki bu sorun en kısa sürede çözülür.',
  'Deniz kenarındaki yürüyüş yolu bakımsız kaldı.',
  'Bayram tatilinde otobüs seferleri azaltıldı.',
  'Kasım ayında başvurdum, hâlâ cevap yok.',
  'Özgür bir ortamda fikirlerimizi söyleyebilmeliyiz.',
  'Yıldız parkının bankları kırık.',
  'Toprak kayması riski olan yamaçta inşaat yapılıyor.',
  'Bulut gibi toz yükseliyor, şantiyede sulama yapılmıyor.',
  'Savaş mağduru ailelere yardım ulaşmadı.',
  'Çiçek bahçesi sökülüp otopark yapıldı.',
  'Kader değil ihmal, bu kazaları önleyin.',
  'Emin misiniz bu yolun kapalı olduğundan?',
  'Fatih ilçesinde su kesintisi üç gündür sürüyor.',
  'Aydın merkezde trafik ışıkları çalışmıyor.',
  'Sayın Yetkili, okul servisleri geç geliyor.',
  'Cumhurbaşkanı Recep Tayyip Erdoğan dün ilimize geldi.',
  'Vali Ahmet Yılmaz açıklama yaptı, yollar açılacak.',
  'Mustafa Kemal Atatürk Caddesi üzerinde çukur var.',
  'Veli toplantısı iptal edildi ama haber verilmedi.',
  'Işık direkleri yanmıyor, sokak karanlık.',
];

/** Deterministic generator of labelled cases. */
export function generateNameCases(opts: {
  seed: number;
  perGroup: number;
  firstNames: readonly string[];
  surnames: readonly string[];
  /** `dev`: the forms used while building the detector; `heldout`: the frozen robust set. */
  set?: 'dev' | 'heldout';
}): NameCase[] {
  const forms = opts.set === 'heldout' ? heldOutGroups : groups;
  const ordinary = opts.set === 'heldout' ? heldOutOrdinary : ordinarySentences;
  let s = opts.seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const cases: NameCase[] = [];
  const make = (group: string, tpl: Slot, name: string, known: string[] = []) => {
    const text = tpl(name);
    const start =
      text.toLocaleUpperCase('tr') === text ? text.indexOf(name.toLocaleUpperCase('tr')) : text.indexOf(name);
    cases.push({ group, text, names: [{ start, end: start + name.length }], known });
  };
  for (const [group, tpls] of Object.entries(forms)) {
    for (let k = 0; k < opts.perGroup; k++) {
      make(group, pick(tpls), `${pick(opts.firstNames)} ${pick(opts.surnames)}`);
      make(`${group}_unseen`, pick(tpls), `${pick(unseenFirstNames)} ${pick(unseenSurnames)}`);
    }
  }
  if (opts.set !== 'heldout')
    for (let k = 0; k < opts.perGroup; k++) {
      const name = `${pick(unseenFirstNames)} ${pick(unseenSurnames)}`;
      make('applicant_record', pick(groups.no_context!), name, [name]);
    }
  for (const text of ordinary) cases.push({ group: 'ordinary', text, names: [], known: [] });
  return cases;
}

/** Recall (names fully redacted) and false redaction (redacted characters outside names). */
export function scoreNames(
  cases: readonly NameCase[],
  detect: (text: string, known: string[]) => NameSpan[],
): Map<string, { names: number; found: number; texts: number; falseTexts: number }> {
  const out = new Map<string, { names: number; found: number; texts: number; falseTexts: number }>();
  for (const c of cases) {
    const got = detect(c.text, c.known);
    const g = out.get(c.group) ?? { names: 0, found: 0, texts: 0, falseTexts: 0 };
    g.texts++;
    for (const n of c.names) {
      g.names++;
      if (got.some((s) => s.start <= n.start && s.end >= n.end)) g.found++;
    }
    const outside = got.some((s) => !c.names.some((n) => s.start >= n.start && s.end <= n.end));
    if (outside) g.falseTexts++;
    out.set(c.group, g);
  }
  return out;
}
