import { Field, ObjectType } from 'type-graphql';
import { Basis } from '../../core/basis';

/**
 * Field-level provenance (issue 14, docs/reading-answers.md): a record that mixes stated and
 * editorial fields says, per field (or per linked value of a field), how each is known. A field
 * with no entry rests on the record's own citations.
 */
export interface StoredCitation {
  source: string;
  section: string;
  span?: { start: number; end: number; sha256: string } | null;
}

export interface StoredFieldBasis {
  field: string;
  values?: string[] | null;
  basis: Basis;
  rationale?: string | null;
  cite?: StoredCitation[] | null;
}

@ObjectType({
  description: 'How one field of a record (or some of the values a field links to) is known.',
})
export class FieldBasis {
  @Field({
    description: 'The field, as named in the schema: `levels`, `roles`, `level`, `amount`.',
  })
  field: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The linked slugs this entry covers; null when it covers the whole field.',
  })
  values: string[] | null;

  @Field(() => Basis) basis: Basis;

  @Field(() => String, {
    nullable: true,
    description:
      'Why a curator judged so (EDITORIAL), or the rule (DERIVED); null for a STATED field.',
  })
  rationale: string | null;

  /** Read by FieldBasisResolver.citations. */
  cite: StoredCitation[];
}

/** A stored entry as served. */
export const fieldBasisOf = (stored: StoredFieldBasis): FieldBasis =>
  Object.assign(new FieldBasis(), {
    field: stored.field,
    values: stored.values && stored.values.length ? [...stored.values] : null,
    basis: stored.basis,
    rationale: stored.rationale || null,
    cite: stored.cite ?? [],
  });

/**
 * The entry that says how `field` (or, given a slug, that linked value) is known: the one naming
 * the value, else a whole-field entry; null when the field rests on the record's citations.
 */
export function linkBasis(
  list: StoredFieldBasis[] | null | undefined,
  field: string,
  value: string | null,
): StoredFieldBasis | null {
  const entries = (list ?? []).filter((e) => e.field === field);
  return (
    (value != null ? entries.find((e) => e.values?.includes(value)) : undefined) ??
    entries.find((e) => !e.values?.length) ??
    (value == null ? entries[0] : undefined) ??
    null
  );
}
