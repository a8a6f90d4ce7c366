// Escaping for text placed in XML (JUnit) and HTML, in element content and in attributes. Every
// attribute iamspect writes is double-quoted, so `'` needs no escape.

/** XML 1.0 cannot carry most control characters at all, not even as references: they are dropped. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeMarkup(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
