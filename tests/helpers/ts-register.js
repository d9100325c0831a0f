// Lets a child process `require` the TypeScript sources directly (node -r ./tests/helpers/ts-register.js
// src/x.ts), transpiling each file as ts-jest does for the tests (isolatedModules: no type check).
// Transpiled files are kept in a cache under the system's temporary directory, keyed by the
// source, the compiler options and TypeScript's version: the test suite starts many such child
// processes, and loading TypeScript and transpiling every file cost each of them seconds of CPU.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const CACHE = path.join(os.tmpdir(), `careergraph-ts-cache-${process.getuid?.() ?? 'user'}`);
const TS_VERSION = require(path.join(ROOT, 'node_modules', 'typescript', 'package.json')).version;
const TSCONFIG = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');

let compilerOptions;
function transpile(source, filename) {
  const ts = require('typescript');
  if (!compilerOptions) {
    const configPath = path.join(ROOT, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const { options } = ts.convertCompilerOptionsFromJson(
      config.compilerOptions,
      path.dirname(configPath),
    );
    compilerOptions = {
      ...options,
      module: ts.ModuleKind.CommonJS,
      sourceMap: false,
      inlineSourceMap: true,
    };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  // the file name is part of the key: the inline source map names it
  const key = crypto
    .createHash('sha256')
    .update(`${TS_VERSION}\0${TSCONFIG}\0${filename}\0${source}`)
    .digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      const partial = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(partial, output);
      fs.renameSync(partial, cached); // whole or absent: concurrent children never read half a file
    } catch {
      // a cache that cannot be written (full or read-only disk) only costs the next child time
    }
  }
  module._compile(output, filename);
};
