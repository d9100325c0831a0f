import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseSettings } from './config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../migrations';
import { SnakeNamingStrategy } from './naming';
import { CountingLogger } from './query-counter';

export interface DataSourceFactoryOptions {
  /** Build the schema from the entities instead of migrations (tests of the migrations themselves aside). */
  synchronize?: boolean;
  onError?: (message: string) => void;
}

/** Creates (without connecting) a data source for the configured engine. */
export function createDataSource(db: DatabaseSettings, options: DataSourceFactoryOptions = {}): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: options.synchronize ?? false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingLogger(options.onError),
    logging: ['query', 'error'] as ('query' | 'error')[],
  };
  let settings: DataSourceOptions;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    settings = { ...common, type: 'sqlite', database: db.path, enableWAL: db.path !== ':memory:', busyTimeout: 5000 };
  } else {
    settings = { ...common, type: 'postgres', url: db.url };
  }
  return new DataSource(settings);
}
