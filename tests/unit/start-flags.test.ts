import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server is started three ways (`npm start`, the container's CMD, the benchmark, which reads
 * `npm start`'s): each must give Node the same flags (none today), or the image would run
 * otherwise than the server measured.
 */
const root = join(__dirname, '..', '..');

function startScriptFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const match = /^node\s+(.*?)\s*dist\/main\.js$/.exec(start.trim());
  if (!match) throw new Error(`package.json's start is not "node [flags] dist/main.js": ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
}

function containerFlags(): string[] {
  const cmd = readFileSync(join(root, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('CMD '))
    .pop();
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  const words: string[] = JSON.parse(cmd.slice(4));
  expect(words[0]).toBe('node');
  expect(words[words.length - 1]).toBe('dist/main.js');
  return words.slice(1, -1);
}

describe('how the server is started', () => {
  it('starts the container with the same Node flags as npm start', () => {
    expect(containerFlags()).toEqual(startScriptFlags());
  });
});
