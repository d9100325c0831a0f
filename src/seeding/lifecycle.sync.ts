import { SeedError } from './read';
import { TableSync } from './sync';
import {
  CertificationLifecycle,
  CertificationStatus,
} from '../modules/certification-lifecycle/lifecycle.entity';
import { CertificationLifecycleSeed } from '../modules/certification-lifecycle/lifecycle.seed';

/**
 * Writes the certification lifecycles of a seed set. A certification or successor slug that
 * names nothing, a retired certification without a successor or a successor that is the
 * certification itself refuses the whole set (the caller's transaction).
 */
export async function writeLifecycleSeeds(
  sync: TableSync,
  lifecycles: CertificationLifecycleSeed[] | undefined,
  certificationIds: Map<string, number>,
): Promise<void> {
  const list = lifecycles ?? [];
  const problems = lifecycleSeedProblems(list, (slug) => certificationIds.has(slug));
  if (problems.length) throw new SeedError(problems);

  await sync.rows(
    CertificationLifecycle,
    list.map((l) => ({
      certificationId: certificationIds.get(l.certification) as number,
      status: l.status,
      statusDate: l.statusDate ?? null,
      examCodes: l.examCodes,
      validityMonths: l.validityMonths ?? null,
      renewal: l.renewal ?? null,
      successorId: l.successor ? (certificationIds.get(l.successor) as number) : null,
      note: l.note ?? null,
      citations: l.pages.map((c) => ({
        url: c.url,
        readOn: c.readOn,
        supports: c.supports,
        issuerPage: c.issuerPage,
      })),
    })),
    (l) => String(l.certificationId),
    () => true,
  );
}

/**
 * What is wrong with a seed set's lifecycles: a certification or successor slug that names
 * nothing (`known` says which exist), a retired one without a successor, a retiring one without a date.
 */
export function lifecycleSeedProblems(
  list: CertificationLifecycleSeed[],
  known: (slug: string) => boolean,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((l, i) => {
    const where = `certificationLifecycles[${i}] (${l.certification})`;
    if (seen.has(l.certification)) problems.push(`${where}: the certification has two lifecycles`);
    seen.add(l.certification);
    if (!known(l.certification))
      problems.push(`${where}.certification: no certification "${l.certification}"`);
    if (l.successor && !known(l.successor))
      problems.push(`${where}.successor: no certification "${l.successor}"`);
    if (l.successor === l.certification)
      problems.push(`${where}.successor: a certification cannot succeed itself`);
    if (l.status === CertificationStatus.RETIRED && !l.successor && !l.note)
      problems.push(
        `${where}.successor: a retired certification needs its successor, or a note saying the issuer names none`,
      );
    if (l.status === CertificationStatus.RETIRING && !l.statusDate)
      problems.push(`${where}.statusDate: a retiring certification needs its retirement date`);
  });
  return problems;
}
