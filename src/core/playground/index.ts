export { playground, prefersHtml, ASSETS_PATH } from './playground';
export { loadExamples, EXAMPLES_DIR } from './examples';
export type { Example } from './examples';
