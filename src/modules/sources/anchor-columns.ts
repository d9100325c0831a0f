import { SectionHeading, Span } from './anchor';
import { Citation } from './citation.entity';
import { Source } from './source.entity';

/** The anchor fields of a source's seed record (SourceSeed in src/seeding/format.ts). */
type SourceAnchors = { sha256?: string; sections?: SectionHeading[] };

/** Citation anchors between seed files and table rows, both ways (loader and export). */

export const spanColumns = (span: Span | undefined | null) => ({
  spanStart: span?.start ?? null,
  spanEnd: span?.end ?? null,
  spanSha256: span?.sha256 ?? null,
});

export const sourceAnchorColumns = (s: SourceAnchors) => ({
  sha256: s.sha256 ?? null,
  sections: s.sections?.length
    ? s.sections.map(({ heading, level, start, end }) =>
        start == null || end == null ? { heading, level } : { heading, level, start, end },
      )
    : null,
});

export const spanOf = (c: Pick<Citation, 'spanStart' | 'spanEnd' | 'spanSha256'>): Span | null =>
  c.spanStart != null && c.spanEnd != null && c.spanSha256
    ? { start: c.spanStart, end: c.spanEnd, sha256: c.spanSha256 }
    : null;

export const spanSeed = (c: Citation): { span?: Span } => {
  const span = spanOf(c);
  return span ? { span } : {};
};

export const sourceAnchorSeed = (s: Source) => ({
  sha256: s.sha256,
  sections: s.sections ?? undefined,
});
