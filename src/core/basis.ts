import { registerEnumType } from 'type-graphql';

/** How we know a served value (issue 14, docs/quantities.md "Basis"). */
export enum Basis {
  STATED = 'STATED',
  DERIVED = 'DERIVED',
  EDITORIAL = 'EDITORIAL',
}
registerEnumType(Basis, {
  name: 'Basis',
  description: 'How a value is known.',
  valuesConfig: {
    STATED: { description: 'A cited span of a source says it.' },
    DERIVED: {
      description:
        "Computed from stated values by a rule the schema documents (a path's year sum, for example).",
    },
    EDITORIAL: {
      description: "A curator's judgement, with a rationale and no citation claiming it.",
    },
  },
});
