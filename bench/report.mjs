// What every benchmark script prints a figure with, and the median its repeated timings report.
// One line a figure: what was measured, the figure, and the issue's budget or goal beside it.
export function printLine(what, value, budget = '') {
  console.log(`${what}: ${value}${budget ? `   (budget ${budget})` : ''}`);
}

// The median of repeated timings (the upper middle one of an even count).
export const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
