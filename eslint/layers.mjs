// The layers of src/, top to bottom (CONTRIBUTING.md, "Layers"): a file imports from its own
// layer and the layers below it, never from one above. Entry points (main.ts, the *cli.ts
// tools, mcp/stdio.ts) start a process: they compose the application wherever they live.
import path from 'node:path';

/** Which layers each layer may import from. */
export const MAY_IMPORT = {
  app: ['app', 'mcp', 'seeding', 'modules', 'migrations', 'core'],
  mcp: ['mcp', 'modules', 'core'],
  seeding: ['seeding', 'modules', 'core'],
  modules: ['modules', 'core'],
  migrations: ['migrations'],
  core: ['core'],
};

const ENTRY_POINT = /(^|\/)(main|schema-emit|stdio|[\w-]*cli)\.ts$/;

/** The layer of a path relative to src/ (posix separators); top-level files are the app's. */
export function layerOf(relative) {
  const [top, ...rest] = relative.split('/');
  if (rest.length === 0) return top === 'migrations' ? 'migrations' : 'app';
  return top in MAY_IMPORT ? top : null;
}

const posix = (p) => p.split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
const importsPointDown = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Imports in src/ point down the layers: app > mcp, seeding > modules > core',
    },
    messages: {
      up: '{{from}} must not import from {{to}} ("{{specifier}}"): imports point down the layers (app > mcp, seeding > modules > core; see CONTRIBUTING.md)',
    },
    schema: [],
  },
  create(context) {
    const src = path.join(context.cwd, 'src');
    const own = posix(path.relative(src, context.filename));
    if (own.startsWith('..') || path.isAbsolute(own)) return {};
    const from = ENTRY_POINT.test(own) ? 'app' : layerOf(own);
    if (!from) return {};
    const check = (node) => {
      const specifier = node?.type === 'Literal' ? node.value : null;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = posix(
        path.relative(src, path.resolve(path.dirname(context.filename), specifier)),
      );
      if (target.startsWith('..')) return;
      const to = layerOf(target);
      if (to && !MAY_IMPORT[from].includes(to))
        context.report({ node, messageId: 'up', data: { from, to, specifier } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node.arguments[0]);
      },
    };
  },
};

/** The flat-config block that holds src/ to its layers. */
export const layersConfig = {
  files: ['src/**/*.ts'],
  plugins: { layers: { rules: { 'imports-point-down': importsPointDown } } },
  rules: { 'layers/imports-point-down': 'error' },
};
