import type { ApplicationInput, ApplicationType, PostInput } from '../domain/item.js';
import { asciiFold, createRng, type Rng } from './demo-data-pii.js';
import {
  type DemoProvince,
  type DemoWave,
  demoTemplates,
  type FillContext,
  fillTemplate,
  lightEdit,
  makePerson,
} from './demo-data-templates.js';

/** Options of {@link generateDemoData}; `now` is the reference date the ~30 days of data end at. */
export interface DemoDataOptions {
  seed?: number;
  posts?: number;
  applications?: number;
  now?: Date | string | number;
}

/** A known claim for the claim-matching library, in the office's own wording. */
export interface DemoClaim {
  id: string;
  text: string;
  verdict: string;
}

/** The generated demo data set. */
export interface DemoData {
  posts: PostInput[];
  applications: ApplicationInput[];
  claims: DemoClaim[];
}

const DAY = 86_400_000;
const { common, posts: postTpl, applications: appTpl, claims } = demoTemplates;
const newsSources = common.sources.filter((s) => s.kind === 'news');
const socialSources = common.sources.filter((s) => s.kind === 'social');

function weighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  let roll = rng.next() * items.reduce((a, s) => a + s.weight, 0);
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]!;
}

function context(rng: Rng, provinceName?: string | null): FillContext {
  const province: DemoProvince =
    common.provinces.find((p) => p.name === provinceName) ?? rng.pick(common.provinces);
  const district = rng.pick(province.districts);
  return { province, district, person: makePerson(rng, province, district) };
}

interface Draft {
  text: string;
  kind: 'news' | 'social';
  lang: 'tr' | 'en';
  province: string;
  at: number;
}

function toPost(rng: Rng, d: Draft, seq: number): PostInput {
  const source = weighted(rng, d.kind === 'news' ? newsSources : socialSources);
  const id = String(1_790_000_000_000 + seq * 7_919 + rng.int(0, 7_000));
  const handle = `${rng.pick(common.handleWords)}_${rng.pick(common.handleWords)}${rng.int(1, 99)}`;
  const post: PostInput = { source: source.id, text: d.text };
  if (source.id !== 'api' || rng.chance(0.5)) post.externalId = `${source.id.split(':').pop()}-${id}`;
  const slug = asciiFold(d.text.toLocaleLowerCase(d.lang))
    .replace(/[^a-z0-9]+/g, '-')
    .split('-', 7)
    .join('-');
  if (source.host) post.url = `${source.host}${d.kind === 'news' ? `${slug}-${id}` : `${handle}/${id}`}`;
  post.author = d.kind === 'news' ? rng.pick(common.newsAuthors) : `@${handle}`;
  post.publishedAt = new Date(d.at).toISOString();
  if (d.kind === 'news' || rng.chance(0.5)) post.lang = d.lang;
  if (rng.chance(0.85)) post.province = d.province;
  return post;
}

function waveDrafts(rng: Rng, wave: DemoWave, size: number, now: number): Draft[] {
  const start = now - rng.int(2, 28) * DAY;
  return Array.from({ length: size }, () => {
    const en = wave.en && rng.chance(0.12);
    const ctx = context(rng, wave.province);
    const lang = en ? 'en' : 'tr';
    const base = fillTemplate(rng.pick(en ? wave.en! : wave.variants), ctx, rng);
    const at = Math.min(now - 60_000, start + rng.int(0, 72 * 3_600_000));
    return { text: lightEdit(base, rng, lang), kind: 'social', lang, province: ctx.province.name, at };
  });
}

function singleDraft(rng: Rng, now: number): Draft {
  const roll = rng.next();
  const [pool, kind, lang] =
    roll < 0.4
      ? ([postTpl.news, 'news', 'tr'] as const)
      : roll < 0.55
        ? ([postTpl.complaints, 'social', 'tr'] as const)
        : roll < 0.9
          ? ([postTpl.misinfo, 'social', 'tr'] as const)
          : ([postTpl.english, 'social', 'en'] as const);
  const ctx = context(rng);
  let text = fillTemplate(rng.pick(pool), ctx, rng);
  if (kind === 'social' && lang === 'tr' && rng.chance(0.12)) text = asciiFold(text);
  return { text, kind, lang, province: ctx.province.name, at: now - rng.int(60_000, 30 * DAY) };
}

function buildPosts(rng: Rng, count: number, now: number): PostInput[] {
  const sizes = postTpl.waves.map(() => rng.int(10, 16));
  const cap = Math.floor(count * 0.55);
  const total = sizes.reduce((a, b) => a + b, 0);
  const scale = Math.min(1, cap / total);
  const drafts = postTpl.waves.flatMap((w, i) => waveDrafts(rng, w, Math.floor(sizes[i]! * scale), now));
  while (drafts.length < count) drafts.push(singleDraft(rng, now));
  return drafts
    .slice(0, count)
    .sort((a, b) => a.at - b.at)
    .map((d, i) => toPost(rng, d, i));
}

const typeWeights: { type: ApplicationType; weight: number }[] = [
  { type: 'sikayet', weight: 35 },
  { type: 'ihbar', weight: 15 },
  { type: 'talep', weight: 20 },
  { type: 'gorus_oneri', weight: 10 },
  { type: 'bilgi_edinme', weight: 20 },
];

function buildApplication(rng: Rng, seq: number, now: number): ApplicationInput {
  const { type } = weighted(rng, typeWeights);
  const tpl = rng.pick(appTpl[type]);
  const ctx = context(rng);
  const receivedAt = new Date(now - rng.int(3_600_000, 30 * DAY));
  const app: ApplicationInput = {
    type,
    text: fillTemplate(tpl.text, ctx, rng),
    externalId: `basvuru-${receivedAt.getUTCFullYear()}-${String(100_000 + seq * 37 + rng.int(0, 36))}`,
    receivedAt: receivedAt.toISOString(),
  };
  if (rng.chance(0.9)) app.subject = tpl.subject;
  if (rng.chance(0.9)) app.province = ctx.province.name;
  if (rng.chance(type === 'ihbar' ? 0.6 : 0.9)) {
    const p = ctx.person;
    app.applicant = { name: p.name, tckn: p.tckn, phone: p.phone, address: p.address };
    if (rng.chance(0.8)) app.applicant.email = p.email;
  }
  return app;
}

/**
 * Generates the demo data set: posts (ordinary news and complaints, single
 * misinformation posts, and near-duplicate rumour waves matching the known
 * claims), citizen applications with personal data in the text (valid TCKNs
 * and IBANs, phones, e-mails) and the known-claims library. Pure and
 * deterministic for a given seed and reference date; every person is fake.
 */
export function generateDemoData(opts: DemoDataOptions = {}): DemoData {
  const rng = createRng(opts.seed ?? 2026);
  const now = new Date(opts.now ?? Date.now()).getTime();
  const posts = buildPosts(rng, opts.posts ?? 240, now);
  const applications = Array.from({ length: opts.applications ?? 90 }, (_, i) =>
    buildApplication(rng, i, now),
  ).sort((a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? ''));
  return { posts, applications, claims: claims.map((c) => ({ ...c })) };
}
