import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromXmlProlog, decodeFeedBody } from './decode.js';

// "Şırnak'ta güneş" in windows-1254 (Ş=0xDE, ı=0xFD, ü=0xFC, ş=0xFE).
const cp1254 = Uint8Array.from([
  0xde, 0xfd, 0x72, 0x6e, 0x61, 0x6b, 0x27, 0x74, 0x61, 0x20, 0x67, 0xfc, 0x6e, 0x65, 0xfe,
]);
const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('decodeFeedBody', () => {
  it('reads the charset from the header or the XML prolog', () => {
    expect(charsetFromContentType('application/rss+xml; charset="ISO-8859-9"')).toBe('iso-8859-9');
    expect(charsetFromXmlProlog(ascii('<?xml version="1.0" encoding="windows-1254"?><rss/>'))).toBe(
      'windows-1254',
    );
    expect(decodeFeedBody(cp1254, 'text/xml; charset=windows-1254')).toBe("Şırnak'ta güneş");
    expect(decodeFeedBody(cp1254, 'text/xml; charset=iso-8859-9')).toBe("Şırnak'ta güneş");
    const withProlog = concat(ascii('<?xml version="1.0" encoding="ISO-8859-9"?>'), cp1254);
    expect(decodeFeedBody(withProlog, 'application/xml')).toContain("Şırnak'ta güneş");
  });
  it('falls back to windows-1254 when bytes labelled (or assumed) UTF-8 are not', () => {
    expect(decodeFeedBody(cp1254, 'text/xml; charset=utf-8')).toBe("Şırnak'ta güneş");
    expect(decodeFeedBody(cp1254, null)).toBe("Şırnak'ta güneş");
    expect(decodeFeedBody(cp1254, 'text/xml; charset=bogus-charset')).toBe("Şırnak'ta güneş");
  });
  it('honours a UTF-8 byte-order mark and plain UTF-8', () => {
    expect(
      decodeFeedBody(
        concat(Uint8Array.from([0xef, 0xbb, 0xbf]), ascii('ok')),
        'text/xml; charset=windows-1254',
      ),
    ).toBe('ok');
    expect(decodeFeedBody(new TextEncoder().encode('çığ düştü'))).toBe('çığ düştü');
  });
});
