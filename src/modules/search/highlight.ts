import { SearchDoc } from './documents';
import { stemOf } from './inverted-index';
import { WordMatch } from './search-engine';
import { fold } from './porter-tokenizer';

/** Around this many characters of text per snippet. */
const SNIPPET_LENGTH = 160;
/** How a matched word is marked in a snippet. */
export const MARK_OPEN = '**';
export const MARK_CLOSE = '**';

const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;

/** Whether a word of our text is one the query matched. */
function matches(word: string, matched: WordMatch[]): boolean {
  const stem = stemOf(fold(word));
  return matched.some(
    (m) => m.stems.has(stem) || (m.prefix && [...m.stems].some((s) => stem.startsWith(s))),
  );
}

/**
 * A short passage of the node's own text with the matched words marked **like this**: from its
 * prose when the prose has a match, else from its names or the names around it.
 */
export function snippetOf(doc: SearchDoc, matched: WordMatch[]): string | null {
  if (!matched.length) return null;
  const fields = [doc.body, [doc.name, ...doc.aliases].join(' · '), doc.related.join(' · ')];
  for (const text of fields) {
    const spans: [number, number][] = [];
    for (const m of text.matchAll(WORD))
      if (matches(m[0], matched))
        spans.push([m.index as number, (m.index as number) + m[0].length]);
    if (!spans.length) continue;
    let start = Math.max(0, spans[0][0] - 40);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length)
      end = text.lastIndexOf(' ', end) > spans[0][1] ? text.lastIndexOf(' ', end) : end;
    let out = '';
    let at = start;
    for (const [from, to] of spans) {
      if (from < start || to > end) continue;
      out += text.slice(at, from) + MARK_OPEN + text.slice(from, to) + MARK_CLOSE;
      at = to;
    }
    out += text.slice(at, end);
    return `${start > 0 ? '…' : ''}${out.trim()}${end < text.length ? '…' : ''}`;
  }
  return null;
}
