import { registerEnumType } from 'type-graphql';

/** Whose pay figures answer "what does this level earn": the level's own, or its whole role's. */
export enum PayScope {
  LEVEL = 'LEVEL',
  ROLE = 'ROLE',
}

registerEnumType(PayScope, {
  name: 'PayScope',
  description: 'Whose figures answer for the pay at a level.',
  valuesConfig: {
    LEVEL: { description: 'Figures a source states for this level.' },
    ROLE: { description: 'No source states figures for this level: these cover its whole role.' },
  },
});
