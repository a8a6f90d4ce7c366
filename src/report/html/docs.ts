// Rule documentation (rationale, remediation: short Markdown written in the rule files) as HTML
// for the report's rule panel. Only the Markdown the rule docs use is understood: paragraphs,
// bullet and numbered lists, `code`, **bold** and [links](https://...). Everything is escaped
// first, so whatever else the text holds is shown literally and can never become markup.
import { escapeMarkup } from '../markup.js';

function emphasisAndLinks(escaped: string): string {
  return escaped
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noreferrer">$1</a>');
}

export function inlineMarkdown(text: string): string {
  // Odd parts are code spans: their content is shown as is, without emphasis or links.
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      i % 2 === 1 ? `<code>${escapeMarkup(part.slice(1, -1))}</code>` : emphasisAndLinks(escapeMarkup(part)),
    )
    .join('');
}

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

function block(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (const [marker, tag] of [
    [BULLET, 'ul'],
    [NUMBERED, 'ol'],
  ] as const) {
    if (lines.every((line) => marker.test(line))) {
      const items = lines.map((line) => `<li>${inlineMarkdown(line.replace(marker, ''))}</li>`).join('');
      return `<${tag}>${items}</${tag}>`;
    }
  }
  return `<p>${inlineMarkdown(lines.join(' '))}</p>`;
}

export function docsToHtml(markdown: string): string {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map(block)
    .join('');
}

/** Reference URLs as links; anything that is not http(s) is shown as text, never as a link. */
export function referencesToHtml(references: readonly string[]): string {
  if (references.length === 0) return '';
  const items = references.map((ref) =>
    /^https?:\/\//.test(ref)
      ? `<li><a href="${escapeMarkup(ref)}" target="_blank" rel="noreferrer">${escapeMarkup(ref)}</a></li>`
      : `<li>${escapeMarkup(ref)}</li>`,
  );
  return `<ul class="refs">${items.join('')}</ul>`;
}
