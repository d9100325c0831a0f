import { DataSource } from 'typeorm';
import { Certification } from '../certifications/certification.entity';
import { CertificationLifecycle } from './lifecycle.entity';

const compact = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));

/** The lifecycles as a seed file (`certification-lifecycles.yaml`), in the format the loader reads. */
export async function lifecycleFiles(db: DataSource): Promise<Record<string, Record<string, unknown>>> {
  const [lifecycles, certifications] = await Promise.all([
    db.getRepository(CertificationLifecycle).find({ order: { id: 'ASC' } }),
    db.getRepository(Certification).find(),
  ]);
  if (!lifecycles.length) return {};
  const slug = new Map(certifications.map((c) => [c.id, c.slug]));
  return {
    'certification-lifecycles.yaml': {
      certificationLifecycles: lifecycles.map((l) => compact({
        certification: slug.get(l.certificationId), status: l.status, statusDate: l.statusDate, examCodes: l.examCodes,
        validityMonths: l.validityMonths, renewal: l.renewal, successor: l.successorId == null ? null : slug.get(l.successorId),
        note: l.note, pages: l.citations,
      })),
    },
  };
}
