import { EntityManager } from 'typeorm';
import { Certification } from '../certifications/certification.entity';
import { CertificationLifecycle } from './lifecycle.entity';

const compact = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));

/** The lifecycles as seed records (`certification-lifecycles.yaml`), in the format the loader reads. */
export async function lifecycleSeeds(db: EntityManager): Promise<Record<string, unknown>[]> {
  // one query at a time: inside the seed merge's transaction they share one connection
  const lifecycles = await db.getRepository(CertificationLifecycle).find({ order: { id: 'ASC' } });
  const certifications = await db.getRepository(Certification).find();
  const slug = new Map(certifications.map((c) => [c.id, c.slug]));
  return lifecycles.map((l) =>
    compact({
      certification: slug.get(l.certificationId),
      status: l.status,
      statusDate: l.statusDate,
      examCodes: l.examCodes,
      validityMonths: l.validityMonths,
      renewal: l.renewal,
      successor: l.successorId == null ? null : slug.get(l.successorId),
      note: l.note,
      pages: l.citations,
    }),
  );
}
