import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { Document, isScalar, isSeq, parseDocument, visit, YAMLMap, YAMLSeq } from 'yaml';
import { RecordProvenance } from '../modules/curation/record-provenance.entity';
import { exportFiles, readGraphSeeds, roleFile } from './export';
import { SeedKind } from './format';
import { readSeeds } from './read';
import { checkReferences } from './references';
import {
  canonicalOf,
  hashOf,
  isRolePart,
  ROLE_PARTS,
  sectionOf,
  RolePart,
  Unit,
  unitId,
  unitsOf,
} from './units';

type Row = Record<string, unknown>;
type Node = { range?: [number, number, number] | null };

/** One text edit of a file, by offsets into its original text. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/** YAML as the seed files are written: lists of plain values on one line, records in blocks. */
function yamlOf(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_, node, path) {
      // a citation or a requirement inside a list: one line, as the hand-written files have them
      if (isSeq(path[path.length - 1]) && node.items.every((pair) => isScalar(pair.value)))
        node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}
const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const n = text.indexOf('\n', at);
  return n === -1 ? text.length : n + 1;
};
/** The end of a node's own text, without the newline block values carry. */
const endOf = (text: string, node: Node) => {
  const end = (node.range as [number, number, number])[1];
  return text[end - 1] === '\n' ? end - 1 : end;
};
const indent = (block: string, column: number) => block.split('\n').join(`\n${' '.repeat(column)}`);
const PART_OF = Object.fromEntries(Object.entries(ROLE_PARTS).map(([k, v]) => [v, k])) as Record<
  string,
  RolePart
>;

/** The edits of one seed file: splices into its text, plus records for files that do not exist yet. */
class FileEdits {
  readonly splices: Splice[] = [];
  constructor(readonly text: string) {}

  /** Removes a record (a sequence item), with its lines. */
  removeItem(item: Node) {
    const start = (item.range as [number, number, number])[0];
    this.splices.push({
      start: lineStart(this.text, start),
      end: lineEnd(this.text, endOf(this.text, item)),
      text: '',
    });
  }

  /** Adds `value` after the last item of a block sequence. */
  appendItem(seq: YAMLSeq, value: Row) {
    const last = seq.items[seq.items.length - 1] as Node;
    const start = (last.range as [number, number, number])[0];
    const column = start - lineStart(this.text, start);
    const at = lineEnd(this.text, endOf(this.text, last));
    this.splices.push({
      start: at,
      end: at,
      text: `${' '.repeat(column - 2)}- ${indent(yamlOf(value), column)}\n`,
    });
  }

  /** Sets, adds or removes one field of a record (a mapping), leaving its other fields as written. */
  setField(map: YAMLMap, field: string, value: unknown) {
    const pair = map.items.find((p) => (p.key as { value?: unknown })?.value === field);
    const empty =
      value === undefined || value === null || (Array.isArray(value) && value.length === 0);
    if (pair) {
      const keyStart = ((pair.key as Node).range as [number, number, number])[0];
      const end = endOf(this.text, pair.value as Node);
      if (empty)
        this.splices.push({
          start: lineStart(this.text, keyStart),
          end: lineEnd(this.text, end),
          text: '',
        });
      else
        this.splices.push({
          start: keyStart,
          end,
          text: indent(yamlOf({ [field]: value }), keyStart - lineStart(this.text, keyStart)),
        });
    } else if (!empty) {
      const first = ((map.items[0].key as Node).range as [number, number, number])[0];
      const column = first - lineStart(this.text, first);
      const lastPair = map.items[map.items.length - 1];
      const at = lineEnd(this.text, endOf(this.text, (lastPair.value ?? lastPair.key) as Node));
      this.splices.push({
        start: at,
        end: at,
        text: `${' '.repeat(column)}${indent(yamlOf({ [field]: value }), column)}\n`,
      });
    }
  }

  result(): string {
    let out = this.text;
    const ordered = [...this.splices]
      .map((s, i) => ({ ...s, i }))
      .sort((a, b) => b.start - a.start || b.i - a.i);
    for (const s of ordered) out = out.slice(0, s.start) + s.text + out.slice(s.end);
    return out;
  }
}

/** Whether the database holds a newer version of a record than its file (the API wrote it, or a deletion took part of it). */
function databaseIsNewer(file: Unit | undefined, p: RecordProvenance | undefined): boolean {
  if (!p) return !file; // a record no file has and no seed run wrote: created through the API
  if (p.origin === 'api' || p.deleted) return true;
  return file !== undefined && hashOf(file) === p.seedHash; // the file is as seeded; the database moved on
}

export interface ChangesReport {
  /** Records written back, as `Kind key (how)`. */
  records: string[];
  files: string[];
}

/**
 * `npm run export -- --changed`: writes what the database holds newer than the seed files under
 * `dir` (editors' changes, creations and deletions through the API) into those files, editing
 * only the records concerned, so the change reads as an ordinary diff to review and commit. The
 * next seed run finds those files equal to the database and takes the records back as seeded.
 */
export async function exportChanges(db: DataSource, dir: string): Promise<ChangesReport> {
  const read = readSeeds(dir);
  const files = unitsOf(read.set as unknown as Record<SeedKind, object[]>, read.origins);
  const stored = unitsOf(await readGraphSeeds(db.manager));
  const provenance = new Map(
    (await db.getRepository(RecordProvenance).find()).map((p) => [unitId(p.kind, p.recordKey), p]),
  );

  const texts = new Map<string, FileEdits>();
  const docs = new Map<string, ReturnType<typeof parseDocument>>();
  const edits = (full: string) => {
    if (!texts.has(full)) {
      const text = readFileSync(full, 'utf8');
      texts.set(full, new FileEdits(text));
      docs.set(full, parseDocument(text));
    }
    return {
      edits: texts.get(full) as FileEdits,
      doc: docs.get(full) as ReturnType<typeof parseDocument>,
    };
  };
  const created = new Map<string, Row>(); // new files: relative path -> content
  const records: string[] = [];
  const pathOf = (u: Unit) => {
    const o = u.origin as NonNullable<Unit['origin']>;
    return u.part ? [o.kind, o.index, u.part, u.partIndex as number] : [o.kind, o.index];
  };
  const newRoles = new Set<string>();
  const removedRoles = new Set<string>();
  // removals are gathered per list: a list left empty loses its field, not just its items
  const removals = new Map<string, { full: string; path: (string | number)[]; items: Node[] }>();
  const remove = (u: Unit) => {
    const path = pathOf(u).slice(0, -1);
    const key = `${u.origin!.full}#${path.join('.')}`;
    const entry = removals.get(key) ?? { full: u.origin!.full, path, items: [] };
    entry.items.push(edits(u.origin!.full).doc.getIn(pathOf(u), true) as Node);
    removals.set(key, entry);
  };

  const ids = [...new Set([...files.keys(), ...stored.keys()])].sort(
    (a, b) => Number(b.startsWith('Role:')) - Number(a.startsWith('Role:')),
  );
  for (const id of ids) {
    const file = files.get(id);
    const dbUnit = stored.get(id);
    if (!databaseIsNewer(file, provenance.get(id))) continue;
    if (file && dbUnit && hashOf(file) === hashOf(dbUnit)) continue;
    if (!file && !dbUnit) continue;
    if (file) {
      const { edits: e, doc } = edits(file.origin!.full);
      const node = doc.getIn(pathOf(file), true) as YAMLMap;
      const roleGone =
        file.part !== undefined && removedRoles.has(`${file.origin!.full}#${file.origin!.index}`);
      if (roleGone) continue; // went with its role's record
      if (!dbUnit) {
        if (file.kind === 'Role') removedRoles.add(`${file.origin!.full}#${file.origin!.index}`);
        remove(file);
        records.push(`${file.kind} ${file.key} (deleted)`);
      } else {
        // only the fields that differ are rewritten, so the diff shows the change and nothing else
        const a = canonicalOf(file);
        const b = canonicalOf(dbUnit);
        for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
          if (field !== '(role)' && JSON.stringify(a[field]) !== JSON.stringify(b[field]))
            e.setField(node, field, dbUnit.content[field]);
        }
        records.push(`${file.kind} ${file.key} (changed)`);
      }
      continue;
    }
    const unit = dbUnit as Unit;
    records.push(`${unit.kind} ${unit.key} (created)`);
    if (unit.kind === 'Role') {
      // a role the API created goes to a file of its own, with its parts
      newRoles.add(unit.key);
      const parts = [...stored.values()].filter(
        (u) =>
          u.role === unit.key ||
          (u.kind === 'CareerTransition' &&
            stored.get(unitId('RoleLevel', u.content.from as string))?.role === unit.key),
      );
      const role: Row = { ...unit.content };
      for (const [part, kind] of Object.entries(ROLE_PARTS))
        role[part] = parts.filter((u) => u.kind === kind).map((u) => u.content);
      created.set(roleFile(unit.key), { roles: [role] });
      continue;
    }
    if (isRolePart(unit.kind)) {
      const roleSlug =
        unit.kind === 'CareerTransition'
          ? stored.get(unitId('RoleLevel', unit.content.from as string))?.role
          : unit.role;
      if (roleSlug === undefined || newRoles.has(roleSlug)) continue;
      const roleUnit = files.get(unitId('Role', roleSlug));
      if (!roleUnit) continue;
      const { edits: e, doc } = edits(roleUnit.origin!.full);
      const part = PART_OF[unit.kind];
      const seq = doc.getIn([...pathOf(roleUnit), part], true);
      if (isSeq(seq) && !seq.flow && seq.items.length) e.appendItem(seq, unit.content);
      else
        e.setField(doc.getIn(pathOf(roleUnit), true) as YAMLMap, part, [
          ...((seq as YAMLSeq | undefined)?.toJSON() ?? []),
          unit.content,
        ]);
      continue;
    }
    const kind = sectionOf(unit.kind);
    const home = [...files.values()].find((u) => u.kind === unit.kind)?.origin;
    const seq = home ? edits(home.full).doc.getIn([kind], true) : undefined;
    if (home && isSeq(seq) && !seq.flow && seq.items.length) {
      edits(home.full).edits.appendItem(seq, unit.content);
    } else {
      const rel = exportFiles()[kind];
      const content = created.get(rel) ?? { [kind]: [] };
      (content[kind] as Row[]).push(unit.content);
      created.set(rel, content);
    }
  }

  for (const { full, path, items } of removals.values()) {
    const { edits: e, doc } = edits(full);
    const seq = doc.getIn(path, true) as YAMLSeq;
    if (items.length < seq.items.length) for (const item of items) e.removeItem(item);
    else {
      const parent = (
        path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
      ) as YAMLMap;
      e.setField(parent, String(path[path.length - 1]), undefined);
    }
  }

  const written: string[] = [];
  for (const [full, e] of texts) {
    if (!e.splices.length) continue;
    writeFileSync(full, e.result());
    written.push(full);
  }
  for (const [rel, content] of created) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    const kind = Object.keys(content)[0];
    if (existsSync(full)) {
      // a file without this kind yet (or a flow list): the kind's records go at its end
      const doc = parseDocument(readFileSync(full, 'utf8'));
      const list = doc.getIn([kind]) as YAMLSeq | undefined;
      doc.setIn(
        [kind],
        doc.createNode([
          ...((list && isSeq(list) ? list.toJSON() : []) as Row[]),
          ...(content[kind] as Row[]),
        ]),
      );
      writeFileSync(full, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
    } else {
      writeFileSync(
        full,
        `# Written by npm run export -- --changed: records created through the API\n${yamlOf(content)}\n`,
      );
    }
    written.push(full);
  }
  // the files must load as they are: check them now rather than at the next seed run
  const check = readSeeds(dir);
  checkReferences(check.set, check.origins);
  return { records, files: written };
}
