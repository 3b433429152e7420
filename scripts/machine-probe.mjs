/**
 * A fixed piece of CPU work (string keys in and out of a Map, as the orders cache does), timed:
 * how fast this machine is at this moment. On a shared machine the same run can be half again as
 * slow at one time as at another; the phone figures scale with it. The benchmark reports it next
 * to them so that two runs can be told apart by the machine's state, not only by the code.
 */
export function probeMachineMs() {
  const start = performance.now();
  const map = new Map();
  let sum = 0;
  for (let i = 0; i < 3_000_000; i++) {
    map.set(`k${i % 200_000}`, i);
    sum += map.get(`k${(i * 7) % 200_000}`) ?? 0;
  }
  const ms = performance.now() - start;
  // Keeps the loop from being optimised away.
  if (sum < 0) throw new Error('unreachable');
  return ms;
}
