import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OccupationSystem } from './occupation-codes';

@ObjectType({
  description:
    'An occupation in a standard classification (SOC 2018, O*NET-SOC 2019, ISCO-08, ESCO), as the classification names it.',
})
@Entity('occupations')
@Index(['system', 'code'], { unique: true })
export class Occupation {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => OccupationSystem) @Column({ type: 'varchar', length: 16 }) system: OccupationSystem;

  @Field({ description: 'The code in its system, such as 15-1252 (SOC 2018) or 2512 (ISCO-08).' })
  @Column()
  code: string;

  @Field({ description: "The classification's title for the code." }) @Column() title: string;

  /** The Source record of the classification. */
  @Column() sourceId: number;

  @Field({ description: 'The page the code and title were read from.' }) @Column() url: string;

  @Field({ description: 'The date that page was read (ISO 8601).' })
  @Column({ type: 'varchar', length: 10 })
  readOn: string;
}
