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
const GOALS_MS = { cdnow_pareto_nbd: 20, bg_nbd_1000000_raw: 800, bg_nbd_1000000_compressed: 50, cdnow_band_1000: 1000 };

const LABELS = {
  cdnow_bg_nbd: 'BG/NBD, CDNOW sample (2,357 customers, a row each)',
  cdnow_mbg_nbd: 'MBG/NBD, CDNOW sample',
  cdnow_pareto_nbd: 'Pareto/NBD, CDNOW sample',
  cdnow_gamma_gamma: 'Gamma-Gamma, CDNOW sample',
  donations_bg_bb: 'BG/BB, donations (11,104 donors in 22 rows)',
  regular_sbg: 'sBG, regular cohort (years 1-7)',
  regular_bdw: 'BdW, regular cohort (years 1-7)',
  cdnow_band_1000: 'band of 1,000 parameter draws, CDNOW sample',
};

const SIZES = '100000,1000000';

// One run of the benchmark mode: { name: { ms, note } }.
function modelFits(root, command, ...args) {
  const out = execFileSync(command, [...args, '--model-fits', path.join(root, 'tests', 'data'), SIZES], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [name, ms, ...note] = line.split(' ');
    return [name, { ms: Number(ms), note: note.join(' ') }];
  }));
}

const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const range = (v) => (Array.isArray(v) ? `${ms(v[0])}-${ms(v[1])}` : ms(v));

function label(name, note) {
  if (LABELS[name]) return LABELS[name];
  const [, model, size, kind] = name.match(/^(bg_nbd|pareto_nbd)_(\d+)_(raw|compress|compressed)$/) ?? [];
  if (!model) return name;
  const who = `${model === 'bg_nbd' ? 'BG/NBD' : 'Pareto/NBD'}, ${Number(size).toLocaleString('en')} simulated customers`;
  if (kind === 'raw') return `${who}, a row each`;
  if (kind === 'compress') return `${who}: compressing them to ${Number(note).toLocaleString('en')} distinct rows`;
  return `${who}, on their compressed table (${Number(note).toLocaleString('en')} rows)`;
}

// report(what, value, budget) is the benchmark's printer; root the repository.
export function reportModelFits(report, root) {
  const native = modelFits(root, path.join(root, 'build', 'native', 'bench', 'core_bench'));
  const wasm = modelFits(root, 'node', path.join(root, 'build', 'wasm', 'bench', 'core_bench.cjs'));
  for (const [name, { ms: n, note }] of Object.entries(native)) {
    const w = wasm[name]?.ms;
    const lifetimes = LIFETIMES_MS[name];
    const low = Array.isArray(lifetimes) ? lifetimes[0] : lifetimes;
    const versus = lifetimes ? `; lifetimes (the issue's figure) ${range(lifetimes)}, ${(low / n).toFixed(0)}x` : '';
    const extra = name.endsWith('_raw') ? ` (fitted ${note})` : name === 'cdnow_band_1000' ? ` (${note.split(' ')[0]} draws, ${note.split(' ')[1]})` : '';
    report(`fit alone, ${label(name, note)}: native / wasm (Node)`, `${ms(n)} / ${w === undefined ? '-' : ms(w)}${versus}${extra}`,
      GOALS_MS[name] ? ms(GOALS_MS[name]) : '');
  }
  return { native, wasm };
}
