/**
 * A small seeded pseudo-random generator (mulberry32) answering numbers in [0, 1): the same seed
 * gives the same sequence on every run and machine, so generated test data, fuzz runs and
 * benchmarks can be repeated exactly.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
