import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Basis } from '../../core/basis';
import { YearQuantity } from '../../core/quantity';
import { CareerDirection } from '../directions/career-direction.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { CareerTransition } from './career-transition.entity';

export enum CareerStepKind {
  TRANSITION = 'TRANSITION',
  DIRECTION = 'DIRECTION',
}
registerEnumType(CareerStepKind, {
  name: 'CareerStepKind',
  description: 'What a step of a route rests on.',
  valuesConfig: {
    TRANSITION: { description: 'A cited move from one level to another (a CareerTransition).' },
    DIRECTION: {
      description:
        'A career direction: the sources name the destination but no starting level and no time; the route starts it where it needs to. Used only with includeDirections: true.',
    },
  },
});

@ObjectType({
  description:
    'One step of a route, a transition or (with includeDirections) a career direction, marked as such.',
})
export class CareerStep {
  fromLevel: RoleLevel;
  toLevel: RoleLevel;

  @Field(() => Int, { description: '1 for the first step.' }) position: number;

  @Field(() => CareerStepKind) kind: CareerStepKind;

  @Field(() => Basis, {
    description:
      'STATED for a transition whose citations state the move from its starting level, and for a STATED direction; EDITORIAL for a transition whose starting level a curator chose (its startBasis) and for a direction a curator added.',
  })
  basis: Basis;

  @Field(() => CareerTransition, {
    nullable: true,
    description: 'The move, when kind is TRANSITION.',
  })
  transition: CareerTransition | null;

  @Field(() => CareerDirection, {
    nullable: true,
    description: 'The direction, when kind is DIRECTION.',
  })
  direction: CareerDirection | null;

  @Field(() => YearQuantity, {
    nullable: true,
    description:
      "The transition's typical years as stated; always null for a direction (no source gives its time, and none is made up).",
  })
  typicalYears: YearQuantity | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a direction: that the sources give no starting level or time, so `from` is where this route happens to take it. Null for a transition.',
  })
  note: string | null;
}
