import { DataSource } from 'typeorm';
import { DatabaseSettings } from '../core/config';
import { createDataSourceFor, DataSourceFactoryOptions } from '../core/data-source';
import { MIGRATIONS } from '../migrations';
import { appEntities } from './entities';

export type { DataSourceFactoryOptions } from '../core/data-source';

/** Creates (without connecting) a data source for the configured engine, mapping every entity. */
export function createDataSource(
  db: DatabaseSettings,
  options: DataSourceFactoryOptions = {},
): DataSource {
  return createDataSourceFor(db, { entities: appEntities(), migrations: MIGRATIONS }, options);
}
