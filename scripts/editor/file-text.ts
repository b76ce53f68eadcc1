/**
 * The text a photo agency or photographer put inside an image file (IPTC
 * and XMP), read with exifr, mapped to the fields of a photo's `.mdx` file.
 *
 * Only descriptive text is read: never GPS, camera serial numbers or the
 * photographer's contact details (exifr is not even asked for the blocks
 * that hold them), so they can never reach a `.mdx` file.
 *
 * XMP is Unicode by definition and wins where both say the same thing. IPTC
 * (IIM) declares its character set in dataset 1:90; exifr reads every IPTC
 * value as Latin-1, so the bytes are taken back and decoded as UTF-8 when the
 * file declares it, or when they are valid UTF-8 with some multi-byte
 * character (many tools write UTF-8 without declaring it), else as
 * Windows-1252, the Latin-1 that agencies' software actually writes. exifr
 * leaves XML entities in XMP text as they are; they are decoded here.
 */
import { decodeXML } from 'entities';
import exifr from 'exifr';
import { photoSchema } from '../../src/schemas.ts';

/** What a file says about its photograph; a field the file does not carry is absent. */
export interface FileText {
  /** A short title (XMP dc:title, IPTC Headline, Object Name): the source of the photo's file name. */
  title?: string;
  /** The caption (XMP dc:description, IPTC Caption-Abstract). */
  caption?: string;
  /** The alt text (XMP Iptc4xmpCore:AltTextAccessibility, IPTC since 2021; IIM has none). */
  alt?: string;
  /** Who took it (XMP dc:creator, IPTC By-line). */
  creator?: string;
  /** How to credit it (XMP photoshop:Credit, IPTC Credit). */
  creditLine?: string;
  /** Where it was taken: sublocation, city, country, joined. */
  location?: string;
  /** The licence, as a web address (XMP xmpRights:WebStatement). */
  license?: string;
}

/** IPTC dataset 1:90, Coded Character Set, saying UTF-8 (ESC % G). */
const UTF8_DECLARED = Buffer.from([0x1c, 0x01, 0x5a, 0x00, 0x03, 0x1b, 0x25, 0x47]);

type Raw = Record<string, unknown>;

/** One text out of what exifr gives for an XMP or IPTC value: a string, a language alternative ({lang, value}), or a list of either. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const texts = value.map((v) => ({ lang: typeof v === 'object' && v !== null ? (v as Raw)['lang'] : undefined, text: textOf(v) }));
    // A language alternative: the default language, else the first.
    const chosen = texts.find((t) => t.lang === 'x-default') ?? (texts.some((t) => t.lang !== undefined) ? texts[0] : undefined);
    if (chosen) return chosen.text;
    // A list (creators): all of them.
    const all = texts.map((t) => t.text).filter((t): t is string => !!t);
    return all.length > 0 ? all.join(', ') : undefined;
  }
  if (typeof value === 'object') return textOf((value as Raw)['value']);
  const text = String(value).replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : text;
}

/** Decodes IPTC values exifr read as Latin-1 in the character set the file uses. */
function iptcDecoder(bytes: Buffer, raw: Raw): (value: unknown) => unknown {
  const strings = Object.values(raw)
    .flat()
    .filter((v): v is string => typeof v === 'string');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const asUtf8 = (s: string) => {
    try {
      return utf8.decode(Buffer.from(s, 'latin1'));
    } catch {
      return undefined;
    }
  };
  const multiByte = strings.some((s) => /[\u0080-\u00ff]/.test(s));
  const isUtf8 = bytes.includes(UTF8_DECLARED) || (multiByte && strings.every((s) => asUtf8(s) !== undefined));
  const windows1252 = new TextDecoder('windows-1252');
  const decode = (s: string) => (isUtf8 ? (asUtf8(s) ?? s) : windows1252.decode(Buffer.from(s, 'latin1')));
  return (value) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? decode(v) : v)) : typeof value === 'string' ? decode(value) : value);
}

/** `text` when the build would take it as the `license` field (the schema's own rule: an http(s) address), else undefined. */
const licenseAddress = (text: string | undefined) => (text !== undefined && photoSchema.shape.license.safeParse(text).success ? text : undefined);

/**
 * The text inside the image `bytes`. A format exifr does not read for
 * metadata (WebP, GIF) or a file without any gives `{}`; what can be
 * published is the content check's business, not this one's.
 */
export async function readFileText(bytes: Buffer): Promise<FileText> {
  let parsed: Record<string, Raw | undefined> | undefined;
  try {
    parsed = await exifr.parse(bytes, {
      // Only the descriptive blocks: no TIFF/EXIF (serial numbers, owner), no GPS, no maker notes.
      tiff: false,
      ifd0: false,
      exif: false,
      gps: false,
      interop: false,
      makerNote: false,
      userComment: false,
      icc: false,
      jfif: false,
      ihdr: false,
      iptc: true,
      xmp: true,
      multiSegment: true,
      mergeOutput: false,
    } as never);
  } catch {
    return {};
  }
  if (!parsed) return {};
  const iptcRaw = parsed['iptc'] ?? {};
  const decode = iptcDecoder(bytes, iptcRaw);
  const iptc = (key: string) => textOf(decode(iptcRaw[key]));
  // exifr hands XMP text over as it stands in the XML: `&quot;`, `&amp;`, `&#233;` are decoded here.
  const xmp = (ns: string, key: string) => {
    const text = textOf(parsed[ns]?.[key]);
    return text === undefined ? undefined : decodeXML(text);
  };
  const first = (...values: (string | undefined)[]) => values.find((v) => v !== undefined);

  const place = [
    first(xmp('Iptc4xmpCore', 'Location'), iptc('Sublocation')),
    first(xmp('photoshop', 'City'), iptc('City')),
    first(xmp('photoshop', 'Country'), iptc('Country')),
  ];
  const location = [...new Set(place.filter((p): p is string => !!p))].join(', ');
  const text = {
    title: first(xmp('dc', 'title'), xmp('photoshop', 'Headline'), iptc('Headline'), iptc('ObjectName')),
    caption: first(xmp('dc', 'description'), iptc('Caption')),
    alt: xmp('Iptc4xmpCore', 'AltTextAccessibility'),
    creator: first(xmp('dc', 'creator'), iptc('Byline')),
    creditLine: first(xmp('photoshop', 'Credit'), iptc('Credit')),
    location: location || undefined,
    license: licenseAddress(xmp('xmpRights', 'WebStatement')),
  };
  return Object.fromEntries(Object.entries(text).filter(([, v]) => v !== undefined)) as FileText;
}
