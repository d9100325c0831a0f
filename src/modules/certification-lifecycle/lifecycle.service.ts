import { Context } from '../../core/context';
import { byColumn, byId } from '../../core/loaders';
import { Certification } from '../certifications/certification.entity';
import { CertificationLifecycle, CertificationStatus } from './lifecycle.entity';

const lifecycleOf = byColumn<CertificationLifecycle, number>(
  CertificationLifecycle,
  'certificationId',
);

/** The status today: a retirement date that has passed makes RETIRING into RETIRED. */
export function effectiveStatus(
  lifecycle: CertificationLifecycle,
  today = new Date().toISOString().slice(0, 10),
): CertificationStatus {
  if (
    lifecycle.status === CertificationStatus.RETIRING &&
    lifecycle.statusDate &&
    lifecycle.statusDate <= today
  )
    return CertificationStatus.RETIRED;
  return lifecycle.status;
}

const exams = (codes: string[]) => (codes.length ? ` (exam ${codes.join(', ')})` : '');

/**
 * What to tell a reader about booking this certification: never a retired exam without naming
 * what replaced it. Null when nothing is known of its lifecycle.
 */
export async function recommendation(
  ctx: Context,
  certification: Certification,
): Promise<string | null> {
  const lifecycle = await ctx.loaders.load(lifecycleOf, certification.id);
  if (!lifecycle) return null;
  const status = effectiveStatus(lifecycle);
  if (status === CertificationStatus.ACTIVE) return `Active${exams(lifecycle.examCodes)}.`;
  const successor =
    lifecycle.successorId == null
      ? null
      : await ctx.loaders.load(byId(Certification), lifecycle.successorId);
  const next = successor ? await ctx.loaders.load(lifecycleOf, successor.id) : null;
  const when = lifecycle.statusDate ? ` on ${lifecycle.statusDate}` : '';
  const instead = successor
    ? ` Take ${successor.name}${exams(next?.examCodes ?? [])} instead.`
    : ` The issuer names no successor${lifecycle.note ? ` (${lifecycle.note})` : ''}.`;
  return status === CertificationStatus.RETIRING
    ? `Retiring${when}.${instead}`
    : `Retired${when}.${instead}`;
}

/** A certification's name for a list of what to take, with its successor named when it is retired or retiring. */
export async function certificationLabel(
  ctx: Context,
  certification: Certification,
): Promise<string> {
  const lifecycle = await ctx.loaders.load(lifecycleOf, certification.id);
  if (!lifecycle) return certification.name;
  const status = effectiveStatus(lifecycle);
  if (status === CertificationStatus.ACTIVE) return certification.name;
  const successor =
    lifecycle.successorId == null
      ? null
      : await ctx.loaders.load(byId(Certification), lifecycle.successorId);
  const next = successor ? await ctx.loaders.load(lifecycleOf, successor.id) : null;
  const when = `${status === CertificationStatus.RETIRING ? 'retiring' : 'retired'}${lifecycle.statusDate ? ` on ${lifecycle.statusDate}` : ''}`;
  const take = successor
    ? `; take ${successor.name}${next?.examCodes.length ? `, exam ${next.examCodes.join(', ')}` : ''}`
    : '; the issuer names no successor';
  return `${certification.name} (${when}${take})`;
}
