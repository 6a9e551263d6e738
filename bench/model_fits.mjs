// Each retention model's fit alone, natively and in wasm under Node (core_bench --model-fits, the
// same C++ built both ways), beside lifetimes' figures as issue 14 gives them (lifetimes does not
// run here: those figures are the issue's, not measured by this script). See bench/model_fits.hpp
// for what each line times.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The lifetimes timings, in ms (a range as [low, high]); absent where it gives none.
const LIFETIMES_MS = {
  cdnow_bg_nbd: 52,
  cdnow_pareto_nbd: 360,
  bg_nbd_100000_raw: 2900,
  bg_nbd_1000000_raw: [16000, 19000],
};
// The goals, in ms.
export const GOALS_MS = { cdnow_pareto_nbd: 20, bg_nbd_1000000_raw: 800, bg_nbd_1000000_compressed: 50, cdnow_band_1000: 1000 };

const LABELS = {
  cdnow_bg_nbd: 'BG/NBD fit alone, CDNOW sample (2,357 customers, a row each, as lifetimes fits them)',
  cdnow_mbg_nbd: 'MBG/NBD fit alone, CDNOW sample',
  cdnow_pareto_nbd: 'Pareto/NBD fit alone, CDNOW sample',
  cdnow_gamma_gamma: 'Gamma-Gamma fit alone, CDNOW sample (946 repeaters)',
  donations_bg_bb: 'BG/BB fit alone, donations (11,104 donors in 22 rows)',
  regular_sbg: 'sBG fit alone, regular cohort (years 1-7)',
  regular_bdw: 'BdW fit alone, regular cohort (years 1-7)',
};

const SIZES = '100000,1000000';

// One run of the benchmark mode: { name: { wall, cpu, note } } in ms.
function modelFits(root, command, ...args) {
  const out = execFileSync(command, [...args, '--model-fits', path.join(root, 'tests', 'data'), SIZES], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [name, wall, cpu, ...note] = line.split(' ');
    return [name, { wall: Number(wall), cpu: Number(cpu), note: note.join(' ') }];
  }));
}

export const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const range = (v) => (Array.isArray(v) ? `${ms(v[0])}-${ms(v[1])}` : ms(v));
const count = (v) => Number(v).toLocaleString('en');

export function label(name, note) {
  if (LABELS[name]) return LABELS[name];
  if (name === 'cdnow_band_1000') {
    const [draws, model] = note.split(' ');
    return `band of 1,000 parameter draws asked (${count(draws)} made) of the chosen model (${model}), CDNOW sample`;
  }
  const [, model, size, kind] = name.match(/^(bg_nbd|pareto_nbd)_(\d+)_(raw|compress|compressed)$/) ?? [];
  if (!model) return name;
  const who = model === 'bg_nbd' ? 'BG/NBD' : 'Pareto/NBD';
  if (kind === 'raw') return `${who} fit alone, ${count(size)} simulated customers, a row each (fitted ${note})`;
  if (kind === 'compress') return `compressing those ${count(size)} ${who} customers to ${count(note)} distinct rows`;
  return `${who} fit alone on their compressed table (${count(note)} rows)`;
}

// report(what, value, budget) is the benchmark's printer; root the repository. Native figures are
// wall / CPU time (the machine may be shared: the ratio to lifetimes is taken on the CPU time),
// wasm's wall time.
export function reportModelFits(report, root) {
  const native = modelFits(root, path.join(root, 'build', 'native', 'bench', 'core_bench'));
  const wasm = modelFits(root, 'node', path.join(root, 'build', 'wasm', 'bench', 'core_bench.cjs'));
  for (const [name, { wall, cpu, note }] of Object.entries(native)) {
    const w = wasm[name]?.wall;
    const lifetimes = LIFETIMES_MS[name];
    const low = Array.isArray(lifetimes) ? lifetimes[0] : lifetimes;
    const versus = lifetimes ? `; lifetimes (the issue's figure, not run here) ${range(lifetimes)}: ${(low / cpu).toFixed(0)}x our CPU time` : '';
    report(`${label(name, note)}: native wall / CPU, wasm (Node)`, `${ms(wall)} / ${ms(cpu)}, ${w === undefined ? '-' : ms(w)}${versus}`,
      GOALS_MS[name] ? ms(GOALS_MS[name]) : '');
  }
  return { native, wasm };
}
