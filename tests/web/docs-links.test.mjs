// A clone of the repository must be able to follow every link and citation it contains:
// relative links in the Markdown files, and the docs/*.md files that code and tests cite.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n').filter((file) => file && fs.existsSync(path.join(ROOT, file)));

test('every relative link in the Markdown files resolves to a file in the repository', () => {
  const broken = [];
  for (const file of tracked.filter((f) => f.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const resolved = path.join(ROOT, path.dirname(file), decodeURIComponent(target.split('#')[0]));
      if (!fs.existsSync(resolved)) broken.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every docs/*.md that code, build files and tests cite is in the repository', () => {
  const missing = [];
  for (const file of tracked.filter((f) => /\.(cpp|hpp|mjs|js|txt|cmake|sh|md)$|CMakeLists\.txt$|^scripts\//.test(f))) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const [cited] of text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)) {
      if (!fs.existsSync(path.join(ROOT, cited))) missing.push(`${file}: ${cited}`);
    }
  }
  assert.deepEqual(missing, []);
});
