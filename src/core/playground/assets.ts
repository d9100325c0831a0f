import { dirname, join } from 'node:path';
import { PLAYGROUND_SCRIPT } from './client';

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** A file the playground page loads, from our own dependencies or our own code. */
export type Asset = { type: string; path: string } | { type: string; body: string };

/** Every file the page loads, by the name it is served under: nothing comes from a CDN. */
export function playgroundAssets(): Record<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  return {
    'react.production.min.js': {
      type: js,
      path: join(packageDir('react'), 'umd', 'react.production.min.js'),
    },
    'react-dom.production.min.js': {
      type: js,
      path: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    },
    'graphiql.min.js': { type: js, path: join(packageDir('graphiql'), 'graphiql.min.js') },
    'graphiql.min.css': {
      type: 'text/css; charset=utf-8',
      path: join(packageDir('graphiql'), 'graphiql.min.css'),
    },
    'playground.js': { type: js, body: PLAYGROUND_SCRIPT },
  };
}
