const ALIASES: Record<string, string> = {
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso8859-9': 'windows-1254',
  'x-mac-turkish': 'windows-1254',
  cp1254: 'windows-1254',
};

/** The charset parameter of a Content-Type header, lower-cased, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** The `encoding` of an XML prolog, read from the first bytes as ASCII. */
export function charsetFromXmlProlog(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.replace(/^\uFEFF|^ï»¿/, ''));
  return m?.[1]?.toLowerCase();
}

function decoderFor(label: string | undefined) {
  if (!label) return undefined;
  try {
    return new TextDecoder(ALIASES[label] ?? label, { fatal: false });
  } catch {
    return undefined;
  }
}

/**
 * Decodes a feed body. Precedence: a byte-order mark, the HTTP charset, the XML
 * prolog; with none of them the bytes are tried as UTF-8 and, when that fails,
 * read as windows-1254 (the usual legacy encoding of Turkish sites). An unknown
 * label is ignored rather than fatal.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = decoderFor(charsetFromContentType(contentType)) ?? decoderFor(charsetFromXmlProlog(bytes));
  if (declared && declared.encoding !== 'utf-8') return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Declared (or assumed) UTF-8 that is not: legacy Turkish servers often mislabel windows-1254.
    return new TextDecoder('windows-1254').decode(bytes);
  }
}
