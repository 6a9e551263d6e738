// A repeatable random number generator with a long period: xoshiro128** (Blackman & Vigna),
// period 2^128 - 1, seeded through splitmix32 so that nearby seeds give unrelated streams.
// (A linear congruential generator computed in doubles loses its low bits: the one used here
// before repeated after 16,403 draws, so a "million-row" log was a short pattern repeated.)
export function seededRandom(seed) {
  let s = seed >>> 0;
  const splitmix32 = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32(), b = splitmix32(), c = splitmix32(), d = splitmix32();
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  // Returns the next 32 random bits as an unsigned integer.
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  // A number in [0, 1) with 32 random bits.
  return () => next() / 4294967296;
}
