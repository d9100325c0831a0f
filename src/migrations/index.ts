import { InitialGraph1764079200000 } from './1764079200000-initial-graph';
import { SearchIndex1764079260000 } from './1764079260000-search-index';

/** Migrations in the order they apply. */
export const MIGRATIONS: Function[] = [InitialGraph1764079200000, SearchIndex1764079260000];
