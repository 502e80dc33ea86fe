import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeedEntries } from './parse-feed.js';

const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Yerel Haber</title><link>https://yerel.example/</link><description>d</description>
<item><title>Köprü kapandı iddiası</title><link>https://yerel.example/kopru</link><guid isPermaLink="false">yh-1</guid>
<description>&lt;p&gt;Kısa özet&lt;/p&gt;</description><content:encoded><![CDATA[<p>Belediye, köprünün <b>açık</b> olduğunu duyurdu.</p>]]></content:encoded>
<dc:creator>Muhabir Ayşe</dc:creator><pubDate>Tue, 05 Mar 2024 09:30:00 +0300</pubDate></item>
<item><title>Sadece bağlantı</title><link>https://yerel.example/baglanti</link></item>
</channel></rss>`;

describe('parseFeedEntries', () => {
  it('maps RSS items: GUID, link, title + article text, author, date', () => {
    const { format, entries } = parseFeedEntries(rss);
    expect(format).toBe('rss');
    expect(entries[0]).toEqual({
      externalId: 'yh-1',
      title: 'Köprü kapandı iddiası',
      text: 'Köprü kapandı iddiası\n\nBelediye, köprünün açık olduğunu duyurdu.',
      url: 'https://yerel.example/kopru',
      author: 'Muhabir Ayşe',
      publishedAt: '2024-03-05T06:30:00.000Z',
    });
    expect(entries[1]).toMatchObject({
      externalId: 'https://yerel.example/baglanti',
      text: 'Sadece bağlantı',
    });
  });

  it('maps Atom entries and JSON Feed items', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
      <updated>2024-01-02T00:00:00Z</updated><entry><id>urn:a:1</id><title>Deprem söylentisi</title>
      <link rel="alternate" href="https://atom.example/1"/><updated>2024-01-02T00:00:00Z</updated>
      <author><name>AFAD Takip</name></author><content type="html">&lt;p&gt;Asılsız iddia.&lt;/p&gt;</content></entry></feed>`;
    expect(parseFeedEntries(atom).entries).toEqual([
      {
        externalId: 'urn:a:1',
        title: 'Deprem söylentisi',
        text: 'Deprem söylentisi\n\nAsılsız iddia.',
        url: 'https://atom.example/1',
        author: 'AFAD Takip',
        publishedAt: '2024-01-02T00:00:00.000Z',
      },
    ]);
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [{ id: 'j1', url: 'https://json.example/1', content_text: 'Sahte bağış kampanyası' }],
    });
    expect(parseFeedEntries(json).entries).toEqual([
      { externalId: 'j1', text: 'Sahte bağış kampanyası', url: 'https://json.example/1' },
    ]);
  });

  it('rejects malformed XML and non-feeds with FeedParseError', () => {
    expect(() => parseFeedEntries('<rss><channel><item><title>kırık')).toThrow(FeedParseError);
    expect(() => parseFeedEntries('<html><body>not a feed</body></html>')).toThrow(FeedParseError);
  });
});
