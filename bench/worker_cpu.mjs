// The CPU time of the dedicated workers' threads of one Chromium (launchBrowser's), from /proc:
// wall time on this shared machine grows with the others' load, the worker thread's CPU time does
// not. Linux counts it in clock ticks (10 ms at the usual 100 a second): a figure over n calls is
// good to a tick over n. Only this browser's processes are read (other sessions run Chromium too).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const statFields = (text) => text.slice(text.lastIndexOf(')') + 2).split(' ');  // fields from the 3rd on
const commOf = (text) => text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
// A process or thread may end between listing and reading it.
const readOrNull = (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return null; } };
const listOrNone = (folder) => { try { return fs.readdirSync(folder); } catch { return []; } };
const processes = () => fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));

// The browser's own process: the one started with its user data folder.
function browserProcess(userDataDir) {
  for (const pid of processes()) {
    const args = readOrNull(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) return pid;
  }
  throw new Error(`no Chromium process runs with ${userDataDir}`);
}

// A reader of the browser's worker threads: read() -> Map(thread id -> CPU ms so far).
export function workerThreadsCpu(userDataDir) {
  const root = browserProcess(userDataDir);
  return {
    read() {
      const parents = new Map();
      for (const pid of processes()) {
        const stat = readOrNull(`/proc/${pid}/stat`);
        if (stat) parents.set(pid, statFields(stat)[1]);
      }
      const ofBrowser = (pid) => { for (let p = pid; p && p !== '0'; p = parents.get(p)) if (p === root) return true; return false; };
      const threads = new Map();
      for (const pid of [...parents.keys()].filter(ofBrowser)) {
        for (const tid of listOrNone(`/proc/${pid}/task`)) {
          const stat = readOrNull(`/proc/${pid}/task/${tid}/stat`);
          if (!stat || !commOf(stat).startsWith('DedicatedWorker')) continue;
          const fields = statFields(stat);
          threads.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);  // utime + stime
        }
      }
      return threads;
    },
  };
}

// The CPU ms the worker threads used between two read()s (a thread started in between counts whole).
export function cpuBetween(before, after) {
  let ms = 0;
  for (const [tid, total] of after) ms += total - (before.get(tid) ?? 0);
  return ms;
}
