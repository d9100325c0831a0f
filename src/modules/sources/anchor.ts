import { createHash } from 'node:crypto';

/**
 * Citation anchors: a span of a source document given as character offsets plus a SHA-256 of the
 * normalised span, so a citation can be checked against the document without the project storing
 * a word of it. docs/citations.md describes the rules; the verifier (npm run citations:verify)
 * and the curation inputs both go through this module.
 *
 * Offsets count Unicode code points (not UTF-16 units or bytes), from 0, end exclusive, into the
 * document exactly as stored (UTF-8, line breaks as they are).
 */

/** A span: [start, end) in code points, and the SHA-256 (hex) of its normalised text. */
export interface Span {
  start: number;
  end: number;
  sha256: string;
}

/**
 * A heading of a source document and its depth (1 = top level); a section ends at the next
 * heading of the same or a higher level. `start` and `end`, where given, are where the section's
 * body lies (code points, after its heading line, end exclusive): facts about the document, not
 * its words, so that a server without the text can still refuse a span outside the section.
 */
export interface SectionHeading {
  heading: string;
  level: number;
  start?: number | null;
  end?: number | null;
}

/** A citation as seeds and curation inputs give it: a source slug, one of its headings, and a span. */
export interface CitationRef {
  source: string;
  section: string;
  span?: Span | null;
}

/** Why a span cannot lie in the section, or null when it can (or the section's body is not known). */
export function outsideSection(
  section: SectionHeading,
  span: { start: number; end: number },
): string | null {
  const { start, end } = section;
  if (start == null || end == null || (span.start >= start && span.end <= end)) return null;
  return `span ${span.start}-${span.end} is not in section "${section.heading}", whose text runs from ${start} to ${end}`;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** NFC, every run of white space (line breaks included) as one space, trimmed at both ends. */
export function normaliseSpan(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The anchor hash of a piece of text: SHA-256 of its normalised form. */
export function spanSha256(text: string): string {
  return sha256Hex(normaliseSpan(text));
}

/** Where a section sits, in code points: its heading line starts at `start`, its body runs from `bodyStart` to `end`. */
export interface SectionBounds {
  heading: string;
  start: number;
  bodyStart: number;
  end: number;
}

/** A source document split into code points, with its outline located. */
export class SourceText {
  readonly points: string[];
  readonly sections = new Map<string, SectionBounds>();
  readonly problems: string[] = [];

  constructor(
    readonly text: string,
    outline: SectionHeading[],
  ) {
    this.points = Array.from(text);
    this.locate(outline);
  }

  /** The document's lines with their code-point offsets. */
  lines(): { start: number; end: number; text: string }[] {
    const out: { start: number; end: number; text: string }[] = [];
    let start = 0;
    for (let i = 0; i <= this.points.length; i++) {
      if (i === this.points.length || this.points[i] === '\n') {
        out.push({ start, end: i, text: this.points.slice(start, i).join('') });
        start = i + 1;
      }
    }
    return out;
  }

  slice(start: number, end: number): string {
    return this.points.slice(start, end).join('');
  }

  /** Finds each heading as a whole line, in outline order, and where its section ends. */
  private locate(outline: SectionHeading[]): void {
    const lines = this.lines();
    const found: { h: SectionHeading; line: number }[] = [];
    let from = 0;
    for (const h of outline) {
      if (this.sections.has(h.heading)) {
        this.problems.push(`heading "${h.heading}" is listed twice`);
        continue;
      }
      const want = normaliseSpan(h.heading);
      const at = lines.findIndex((l, i) => i >= from && normaliseSpan(l.text) === want);
      if (at < 0) {
        this.problems.push(
          `heading "${h.heading}" is not a line of the document after the heading before it`,
        );
        continue;
      }
      found.push({ h, line: at });
      from = at + 1;
    }
    found.forEach(({ h, line }, i) => {
      const next = found.slice(i + 1).find((f) => f.h.level <= h.level);
      const bounds = {
        heading: h.heading,
        start: lines[line].start,
        bodyStart: lines[line].end,
        end: next ? lines[next.line].start : this.points.length,
      };
      this.sections.set(h.heading, bounds);
      if (
        (h.start != null || h.end != null) &&
        (h.start !== bounds.bodyStart || h.end !== bounds.end)
      )
        this.problems.push(
          `heading "${h.heading}": start ${h.start} and end ${h.end} are given, but its text runs from ${bounds.bodyStart} to ${bounds.end}`,
        );
    });
  }

  /** Why an anchor does not hold, or null when it does: the span exists, its hash matches and its section contains it. */
  check(section: string, span: Span): { field: string; problem: string } | null {
    const { start, end, sha256 } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      return {
        field: 'span',
        problem: `start ${start} and end ${end} do not make a span (0 <= start < end)`,
      };
    }
    if (end > this.points.length) {
      return {
        field: 'span.end',
        problem: `end ${end} is past the end of the document (${this.points.length} characters)`,
      };
    }
    const text = normaliseSpan(this.slice(start, end));
    if (!text) return { field: 'span', problem: `span ${start}-${end} holds only white space` };
    if (spanSha256(text) !== sha256) {
      return {
        field: 'span.sha256',
        problem: `the text at ${start}-${end} does not hash to ${sha256} (the document or the offsets changed)`,
      };
    }
    const bounds = this.sections.get(section);
    if (!bounds)
      return { field: 'section', problem: `"${section}" is not a heading in the source's outline` };
    if (start < bounds.bodyStart || end > bounds.end) {
      return {
        field: 'span',
        problem: `span ${start}-${end} lies outside section "${section}" (${bounds.bodyStart}-${bounds.end})`,
      };
    }
    return null;
  }
}
