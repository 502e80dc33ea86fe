import { describe, expect, it } from 'vitest';
import { fromMastodon, fromTelegram, fromXArchive, telegramPlainText } from './export-formats.js';

describe('export mappers', () => {
  it('Telegram: flattens text entities, skips service messages and empty media posts', () => {
    expect(telegramPlainText(['Bu ', { type: 'bold', text: 'önemli' }, ' bir not'])).toBe(
      'Bu önemli bir not',
    );
    expect(fromTelegram({ id: 1, type: 'service', text: '' }, 'telegram:k')).toBeNull();
    expect(fromTelegram({ id: 2, type: 'message', text: '', photo: 'p.jpg' }, 'telegram:k')).toBeNull();
    expect(
      fromTelegram(
        { id: 3, type: 'message', date_unixtime: '1706771700', from: 'Kanal', text: 'Metin' },
        'telegram:k',
      ),
    ).toEqual({
      source: 'telegram:k',
      externalId: '3',
      text: 'Metin',
      author: 'Kanal',
      publishedAt: '2024-02-01T07:15:00.000Z',
    });
    expect(() => fromTelegram({ text: 'kimliksiz' }, 'telegram:k')).toThrow(/not a Telegram message/);
  });

  it('X archive: expands t.co links, decodes entities, keeps the status URL', () => {
    const rec = fromXArchive(
      {
        tweet: {
          id_str: '42',
          full_text: 'Bak https://t.co/x &amp; gör',
          created_at: 'Wed Apr 10 08:00:00 +0000 2024',
          lang: 'und',
          entities: { urls: [{ url: 'https://t.co/x', expanded_url: 'https://haber.example/a' }] },
        },
      },
      'x',
    );
    expect(rec).toEqual({
      source: 'x',
      externalId: '42',
      text: 'Bak https://haber.example/a & gör',
      url: 'https://x.com/i/web/status/42',
      publishedAt: '2024-04-10T08:00:00.000Z',
    });
  });

  it('Mastodon: maps Create/Note with HTML to text and the content warning first; skips boosts', () => {
    expect(fromMastodon({ type: 'Announce', object: 'https://a.example/s/1' }, 'mastodon')).toBeNull();
    const rec = fromMastodon(
      {
        type: 'Create',
        actor: 'https://s.example/users/a',
        object: {
          id: 'https://s.example/users/a/statuses/1',
          type: 'Note',
          summary: 'CW',
          content: '<p>Bir</p><p>İki &amp; üç</p>',
          contentMap: { tr: '<p>Bir</p>' },
          published: '2024-03-01T08:00:00Z',
        },
      },
      'mastodon',
    );
    expect(rec).toMatchObject({
      externalId: 'https://s.example/users/a/statuses/1',
      text: 'CW\n\nBir\nİki & üç',
      url: 'https://s.example/users/a/statuses/1',
      author: 'https://s.example/users/a',
      lang: 'tr',
    });
  });
});
