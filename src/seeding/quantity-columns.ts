import { BoundQualifier, qualifierOf } from '../core/quantity';
import { Basis } from '../core/basis';

/** Quantity qualifiers between seed files and table rows, both ways (loader and export). */

type Range =
  | {
      min?: number | null;
      max?: number | null;
      minQualifier?: BoundQualifier | null;
      maxQualifier?: BoundQualifier | null;
    }
  | undefined;

/** `{ <prefix>MinQualifier, <prefix>MaxQualifier }`: EXACT for a bound written without one, null for a missing bound. */
export const qualifierColumns = <P extends string>(prefix: P, range: Range) =>
  ({
    [`${prefix}MinQualifier`]: qualifierOf(range?.min, range?.minQualifier),
    [`${prefix}MaxQualifier`]: qualifierOf(range?.max, range?.maxQualifier),
  }) as Record<`${P}MinQualifier` | `${P}MaxQualifier`, BoundQualifier | null>;

export const bandQuantityColumns = (b: {
  min?: number;
  max?: number;
  minQualifier?: BoundQualifier;
  maxQualifier?: BoundQualifier;
  orMore?: boolean;
  region?: string;
}) => ({
  region: b.region ?? null,
  minQualifier: qualifierOf(b.min, b.minQualifier),
  maxQualifier: qualifierOf(b.max, b.maxQualifier),
  orMore: b.orMore ?? false,
});

/** A qualifier as written in a seed file: left out when EXACT, the default. */
const written = (q: BoundQualifier | null | undefined) =>
  q && q !== BoundQualifier.EXACT ? q : undefined;

/** A year range as a seed file writes it, qualifiers included; undefined when neither bound is known. */
export const yearRangeSeed = (
  min: number | null,
  minQualifier: BoundQualifier | null,
  max: number | null,
  maxQualifier: BoundQualifier | null,
) =>
  min == null && max == null
    ? undefined
    : Object.fromEntries(
        Object.entries({
          min,
          max,
          minQualifier: written(minQualifier),
          maxQualifier: written(maxQualifier),
        }).filter(([, v]) => v != null),
      );

export const bandQuantitySeed = (b: {
  minQualifier: BoundQualifier | null;
  maxQualifier: BoundQualifier | null;
  orMore: boolean;
}) => ({
  minQualifier: written(b.minQualifier),
  maxQualifier: written(b.maxQualifier),
  orMore: b.orMore ? true : undefined,
});

/** A skill grade's basis and rationale as stored: EDITORIAL unless said, the role's rationale unless its own. */
export const gradeColumns = (
  s: { basis?: Basis; rationale?: string | null; group?: string },
  role: { gradeRationale?: string },
) => ({
  requirementGroup: s.group ?? null,
  importanceBasis: s.basis ?? Basis.EDITORIAL,
  importanceRationale: s.rationale === undefined ? (role.gradeRationale ?? null) : s.rationale,
});

/** A grade's basis and rationale as a seed file writes them (the basis left out when EDITORIAL). */
export const gradeSeed = (r: {
  importanceBasis: Basis;
  importanceRationale: string | null;
  requirementGroup: string | null;
}) => ({
  ...Object.fromEntries(
    Object.entries({
      group: r.requirementGroup,
      basis: r.importanceBasis === Basis.EDITORIAL ? undefined : r.importanceBasis,
    }).filter(([, v]) => v != null),
  ),
  // null, written out: "no rationale", which a file could not say by leaving it out (that means the role's gradeRationale)
  rationale: r.importanceRationale,
});
