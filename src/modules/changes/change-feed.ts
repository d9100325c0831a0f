import { EntityManager } from 'typeorm';
import { NODE_ENTITIES } from '../nodes/node-entities';
import { toGlobalId } from '../../core/relay';
import { ChangeRecord, ChangeType } from './change.entity';

/** Kinds whose records are Relay nodes: the feed gives their `node(id:)` id. */
const NODE_KINDS = new Set<string>([
  ...Object.keys(NODE_ENTITIES),
  'CareerTransition',
  'SkillRequirement',
]);

/**
 * The global id `node(id:)` takes for a record of `kind` with natural key `key` (a transition's
 * from>to is its composite id's from/to), or null for a kind that is not a node (an occupation
 * code, a certification lifecycle): the feed then names it by kind and key only.
 */
export function nodeIdOf(kind: string, key: string): string | null {
  return NODE_KINDS.has(kind) ? toGlobalId(kind, key.replace('>', '/')) : null;
}

export interface FeedEntry {
  kind: string;
  key: string;
  change: ChangeType;
}

/**
 * Appends entries to the change feed at the graph version the transaction has reached. Call it
 * after bumpGraphVersion, inside the write's transaction, so the entry commits with the change.
 */
export async function recordChanges(em: EntityManager, entries: FeedEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows: { version: number | string }[] = await em.query(
    'SELECT version FROM graph_state WHERE id = 1',
  );
  const graphVersion = Number(rows[0]?.version ?? 0);
  const at = new Date();
  const repo = em.getRepository(ChangeRecord);
  const values = entries.map((e) => ({
    graphVersion,
    kind: e.kind,
    recordKey: e.key,
    change: e.change,
    at,
  }));
  for (let i = 0; i < values.length; i += 200) await repo.insert(values.slice(i, i + 200));
  const recorded = recordedBy.get(em);
  recorded?.set(graphVersion, [...(recorded.get(graphVersion) ?? []), ...entries]);
}

/** What a transaction's manager recorded since startRecording, by graph version (see recordedIn). */
const recordedBy = new WeakMap<EntityManager, Map<number, FeedEntry[]>>();

/**
 * From now on, keeps what `recordChanges` appends through `em` (a write's transaction, which
 * then hands it to its process's feed cache: see recordedIn). Anything kept from an earlier try
 * on the same connection is dropped: rolled back, it never was.
 */
export function startRecording(em: EntityManager): void {
  recordedBy.set(em, new Map());
}

/** The entries `recordChanges` appended through `em` since startRecording, by graph version; stops keeping them. */
export function recordedIn(em: EntityManager): Map<number, FeedEntry[]> {
  const recorded = recordedBy.get(em) ?? new Map<number, FeedEntry[]>();
  recordedBy.delete(em);
  return recorded;
}
