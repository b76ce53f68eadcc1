/**
 * Placeholder images carry a marker in their own XMP metadata, so the site
 * tells a placeholder from a real photograph by reading the file alone:
 * dropping the real photograph in under the same name needs no other edit.
 */
import { escapeUTF8 } from 'entities';

/** XMP namespace of the marker; a URN, so nothing ever tries to fetch it. */
export const PLACEHOLDER_NS = 'urn:korean-film-studio:placeholder:1';

/** The XMP packet written into every generated placeholder. */
export function placeholderXmp(description: string): string {
  const escaped = escapeUTF8(description);
  return (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:kfs="${PLACEHOLDER_NS}" xmlns:dc="http://purl.org/dc/elements/1.1/" kfs:placeholder="true">` +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escaped}</rdf:li></rdf:Alt></dc:description>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta>'
  );
}

/** True when an XMP packet carries the placeholder marker. */
export function isPlaceholderXmp(xmp: Buffer | string | undefined): boolean {
  if (!xmp) return false;
  const text = typeof xmp === 'string' ? xmp : xmp.toString('utf8');
  return text.includes(PLACEHOLDER_NS) && /kfs:placeholder\s*=\s*["']true["']/.test(text);
}

/** Alt text of a placeholder: honest about what the reader is shown. */
export const placeholderAlt = (alt: string) => `Placeholder for the photograph. ${alt}`;
