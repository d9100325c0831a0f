export { ChangeResolver } from './change.resolver';
export { graphVersionPlugin } from './graph-version.plugin';
