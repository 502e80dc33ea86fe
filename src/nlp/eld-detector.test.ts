import { describe, expect, it, vi } from 'vitest';
import { eldDetector, preloadEld } from './eld-detector.js';
import { langSample, langSampleHeldOut } from './lang-sample.js';

/** Texts in many scripts and languages, and their prefixes (the detector reads at most 160 characters). */
function texts(): string[] {
  const base = [
    ...Object.values(langSample).flat(),
    ...Object.values(langSampleHeldOut).flat(),
    'Die Regierung hat heute eine neue Regel für die Schulen beschlossen',
    'Le gouvernement a annoncé aujourd’hui une nouvelle règle pour les écoles',
    'Правительство сегодня приняло новое решение о школах',
    'Η κυβέρνηση ανακοίνωσε σήμερα νέο κανόνα για τα σχολεία',
    '政府今天宣布了学校的新规定',
    'Hökumət bu gün məktəblər üçün yeni qayda elan etdi',
    'x',
    '',
  ];
  return base.flatMap((t) => [t, t.slice(0, 12), t.slice(0, 40)]);
}

describe('eld detector (data loaded as JSON from a child process)', () => {
  it('gives exactly what eld/small gives: language, every score and reliability', async () => {
    const ours = await preloadEld();
    const { eld } = await import('eld/small');
    // The data came through the child, not from the fallback (which hands out eld/small's own instance).
    expect(ours).not.toBe(eld);
    for (const t of texts()) {
      const a = ours.detect(t);
      const b = eld.detect(t);
      expect({ t, lang: a.language, scores: a.getScores(), reliable: a.isReliable() }).toEqual({
        t,
        lang: b.language,
        scores: b.getScores(),
        reliable: b.isReliable(),
      });
    }
  });
  it('loads once: preloading and the synchronous accessor give the same instance', async () => {
    const a = await preloadEld();
    expect(await preloadEld()).toBe(a);
    expect(eldDetector()).toBe(a);
  });
  it('loads synchronously on first use when nothing preloaded it', async () => {
    vi.resetModules();
    const fresh = await import('./eld-detector.js');
    const d = fresh.eldDetector();
    expect(d).not.toBe(await preloadEld());
    expect(d.detect('Die Regierung hat heute eine neue Regel für die Schulen beschlossen').language).toBe(
      'de',
    );
    expect(await fresh.preloadEld()).toBe(d);
  });
});
