// The native core's answers for the wasm contract tests: tests/tools/core_report, built in the native
// build tree by scripts/test before the Node tests run. Missing or older than the core's sources,
// it fails with the command that builds it, never silently compares with stale numbers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './wasm-module.mjs';

const REPORT = path.join(ROOT, 'build', 'native', 'tests', 'core', 'core_report');
const BUILD_COMMAND = 'cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native --target core_report'
  + ' (./scripts/test does this before the Node tests)';

function newestSource() {
  let newest = { file: '', time: 0 };
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.(cpp|hpp)$/.test(entry.name)) {
        const time = fs.statSync(file).mtimeMs;
        if (time > newest.time) newest = { file, time };
      }
    }
  };
  visit(path.join(ROOT, 'core'));
  visit(path.join(ROOT, 'tests', 'tools'));
  return newest;
}

// The report's JSON for these command-line arguments.
export function nativeReport(args) {
  if (!fs.existsSync(REPORT)) throw new Error(`${path.relative(ROOT, REPORT)} is missing: build it with ${BUILD_COMMAND}`);
  const source = newestSource();
  if (source.time > fs.statSync(REPORT).mtimeMs) {
    throw new Error(`${path.relative(ROOT, REPORT)} is older than ${path.relative(ROOT, source.file)}: rebuild it with ${BUILD_COMMAND}`);
  }
  return JSON.parse(execFileSync(REPORT, args, { encoding: 'utf8' }));
}
