import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Table, TableForeignKey } from 'typeorm';
import { parse, stringify } from 'yaml';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { text, textList } from '../../src/modules/curation/fields';
import { registerKind } from '../../src/modules/curation/kinds';
import { searchGraph } from '../../src/modules/search/search.service';
import { CitedType } from '../../src/modules/sources/citation.entity';
import { buildLeanSchema } from '../../src/app/schema';
import { exportGraph } from '../../src/seeding/export';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { SeedError } from '../../src/seeding/read';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds } from '../support/fixtures';
import { TestServer } from '../support/server';

/** The toy kind's entity: what any new kind brings besides its declaration (and a migration). */
@ObjectType('Gadget')
@Entity('toy_gadgets')
class Gadget {
  @PrimaryGeneratedColumn() id: number;
  @Field(() => Int) @Column({ default: 1 }) version: number;
  @Field() @Column({ unique: true }) slug: string;
  @Field() @Column() name: string;
  @Field() @Column({ type: 'text' }) description: string;
  @Field(() => [String]) @Column({ type: 'simple-json' }) tags: string[];
}

// The one declaration: fields and limits, a link, its seed section and file, its search text.
const GADGET = {
  name: 'Gadget',
  entity: Gadget,
  cited: 'Gadget' as CitedType,
  citeRequired: true,
  fields: {
    name: text('name', 200),
    description: text('description', 2000),
    tags: textList('tags', 'Other names for the gadget.'),
  },
  links: {
    roles: { target: 'Role', table: 'toy_gadget_roles', owner: 'gadget_id', column: 'role_id' },
  },
  seed: { section: 'gadgets', file: 'toys/gadgets.yaml', generic: true },
  search: {
    label: 'gadget',
    name: 'name',
    aliases: ['tags'],
    body: ['description'],
    linked: ['roles'],
  },
};
registerKind(GADGET);

const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];
const GADGETS = [
  {
    slug: 'zorblax-probe',
    name: 'Zorblax probe',
    description: 'A toy record that only this test writes.',
    tags: ['flumph meter'],
    roles: ['backend-developer'],
    cite: CITE,
  },
  { slug: 'quibble-lamp', name: 'Quibble lamp', description: 'A second toy record.', cite: CITE },
];

/** A copy of the real seeds with the toy kind's file added. */
function seedsWith(gadgets: unknown[]): string {
  const dir = copyOfSeeds();
  mkdirSync(join(dir, 'toys'));
  writeFileSync(join(dir, 'toys', 'gadgets.yaml'), stringify({ gadgets }));
  return dir;
}

const found = async (server: TestServer, text: string) =>
  (await searchGraph(server.db, text, { limit: 10 })).hits
    .filter((h) => h.nodeType === 'Gadget')
    .map((h) => h.slug);

describe('A kind added by one registry declaration (toy kind)', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    // a schema built now has the toy kind's mutations: the curation API reads the registry
    const schema = await buildLeanSchema();
    server = await TestServer.start({ seedsDir: null, schema });
    const runner = server.db.createQueryRunner();
    await runner.createTable(
      new Table({
        name: 'toy_gadgets',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'version', type: 'integer', default: 1 },
          { name: 'slug', type: 'varchar', isUnique: true },
          { name: 'name', type: 'varchar' },
          { name: 'description', type: 'text' },
          { name: 'tags', type: 'text' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'toy_gadget_roles',
        columns: [
          { name: 'gadget_id', type: 'integer', isPrimary: true },
          { name: 'role_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['gadget_id'],
            referencedTableName: 'toy_gadgets',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['role_id'],
            referencedTableName: 'roles',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await runner.release();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server?.stop());

  it('should refuse toy seed records the API would refuse (limits from the declaration)', async () => {
    const refusal = async (gadgets: unknown[]) => {
      const error = await loadSeedDirectory(server.db, seedsWith(gadgets)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedError);
      return (error as SeedError).problems.join('\n');
    };
    expect(await refusal([{ ...GADGETS[1], name: 'x'.repeat(201) }])).toMatch(
      /toys\/gadgets\.yaml: gadgets\[0\] \(quibble-lamp\)\.name: name must be shorter than or equal to 200 characters/,
    );
    expect(await refusal([{ ...GADGETS[0], roles: ['no-such-role'] }])).toMatch(
      /gadgets\[0\] \(zorblax-probe\)\.roles\[0\]: no role has slug "no-such-role"/,
    );
    expect(await refusal([{ ...GADGETS[1], cite: [] }])).toMatch(
      /gadgets\[0\] \(quibble-lamp\)\.cite: every fact needs at least one citation/,
    );
  });

  it('should load toy records from seed files, with their links and citations', async () => {
    const report = await loadSeedDirectory(server.db, seedsWith(GADGETS));
    expect(report.conflicts).toEqual([]);
    const rows = await server.db.query('SELECT slug, name, tags FROM toy_gadgets ORDER BY id');
    expect(rows.map((r: { slug: string }) => r.slug)).toEqual(['zorblax-probe', 'quibble-lamp']);
    const links = await server.db.query(
      'SELECT r.slug FROM toy_gadget_roles l JOIN roles r ON r.id = l.role_id',
    );
    expect(links).toEqual([{ slug: 'backend-developer' }]);
    const cites = await server.db.query(
      "SELECT section FROM citations WHERE subject_type = 'Gadget'",
    );
    expect(cites).toHaveLength(2);
    // a second run over the same files changes nothing
    const again = await loadSeedDirectory(server.db, seedsWith(GADGETS));
    expect(again.unchanged).toBeGreaterThan(0);
    expect(again.inserted + again.updated + again.deleted).toBe(0);
  });

  it('should export toy records to their own file, as they were written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'careergraph-toy-export-'));
    await exportGraph(server.db, out);
    const exported = parse(readFileSync(join(out, 'toys', 'gadgets.yaml'), 'utf8')) as unknown;
    expect(exported).toEqual({ gadgets: GADGETS });
  });

  it('should find toy records by name, other name, prose and linked role', async () => {
    expect(await found(server, 'zorblax')).toEqual(['zorblax-probe']);
    expect(await found(server, 'flumph meter')).toEqual(['zorblax-probe']);
    expect(await found(server, 'quibble lamp')).toEqual(['quibble-lamp']);
    expect(await found(server, 'gadget backend developer')).toContain('zorblax-probe');
  });

  it('should create, update and delete a toy record through the curation API', async () => {
    const select = 'gadget { slug version name description tags }';
    const created = await runAs(
      server,
      editor,
      `mutation($input: GadgetCreateInput!) { gadgetCreate(input: $input) { ${select} } }`,
      {
        input: {
          slug: 'wibble-gauge',
          name: 'Wibble gauge',
          description: 'Made through the API.',
          tags: ['snorkwidget'],
          cite: CITE,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.gadgetCreate.gadget).toEqual({
      slug: 'wibble-gauge',
      version: 1,
      name: 'Wibble gauge',
      description: 'Made through the API.',
      tags: ['snorkwidget'],
    });
    expect(await found(server, 'snorkwidget')).toEqual(['wibble-gauge']);

    const tooLong = await runAs(
      server,
      editor,
      `mutation($input: GadgetCreateInput!) { gadgetCreate(input: $input) { ${select} } }`,
      { input: { slug: 'too-long', name: 'y'.repeat(201), description: 'd', cite: CITE } },
    );
    expect(JSON.stringify(tooLong)).toMatch(/name must be shorter than or equal to 200 characters/);

    const updated = await runAs(
      server,
      editor,
      `mutation($input: GadgetUpdateInput!) { gadgetUpdate(input: $input) { ${select} } }`,
      {
        input: { slug: 'wibble-gauge', version: 1, changes: { description: 'Now a plinthwort.' } },
      },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.gadgetUpdate.gadget.version).toBe(2);
    expect(await found(server, 'plinthwort')).toEqual(['wibble-gauge']);

    const deleted = await runAs(
      server,
      editor,
      `mutation($input: GadgetDeleteInput!) { gadgetDelete(input: $input) { key } }`,
      { input: { slug: 'wibble-gauge', version: 2 } },
    );
    expect(deleted.errors).toBeUndefined();
    expect(await server.db.query("SELECT id FROM toy_gadgets WHERE slug = 'wibble-gauge'")).toEqual(
      [],
    );
    // its citations go with it (the deletion cascade knows the kind from the registry)
    expect(
      await server.db.query("SELECT id FROM citations WHERE subject_type = 'Gadget'"),
    ).toHaveLength(2);
    expect(await found(server, 'plinthwort')).toEqual([]);
  });
});
