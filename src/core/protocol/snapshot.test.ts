import { describe, expect, test } from 'vitest';
import { formatCursor, nextPhase, parseCursor, seqBefore, type PullPosition } from './snapshot.ts';

describe('pull cursors', () => {
  test.each<[string, PullPosition | null]>([
    ['0', { kind: 'log', seq: '0' }],
    ['9223372036854775807', { kind: 'log', seq: '9223372036854775807' }],
    ['s12.o.', { kind: 'snapshot', seq: '12', phase: 'orders', after: '' }],
    ['s12.o.ebay:1.2', { kind: 'snapshot', seq: '12', phase: 'orders', after: 'ebay:1.2' }],
    ['s0.p.parcel-7', { kind: 'snapshot', seq: '0', phase: 'parcels', after: 'parcel-7' }],
    ['s5.e.evt.x.y', { kind: 'snapshot', seq: '5', phase: 'events', after: 'evt.x.y' }],
    ['007', { kind: 'log', seq: '7' }],
    ['', null],
    ['-1', null],
    ['12345678901234567890', null],
    ['s12.x.a', null],
    ['s.o.a', null],
    ['s1.o', null],
    ['s1.o.a\u0000b', null],
    [`s1.o.${'a'.repeat(400)}`, null],
  ])('%j parses to %j', (cursor, position) => {
    expect(parseCursor(cursor)).toEqual(position);
  });

  test.each(['0', '42', 's12.o.', 's12.o.amazon:123-4', 's3.p.p1', 's3.e.ev.1'])(
    '%j survives format(parse())',
    (cursor) => {
      const position = parseCursor(cursor);
      expect(position).not.toBeNull();
      if (position) expect(formatCursor(position)).toBe(cursor);
    },
  );

  test.each([
    ['orders', 'parcels'],
    ['parcels', 'events'],
    ['events', null],
  ] as const)('after %s comes %s', (phase, next) => {
    expect(nextPhase(phase)).toBe(next);
  });
});

test.each([
  ['1', '2', true],
  ['9', '10', true],
  ['10', '9', false],
  ['5', '5', false],
  ['0', '0', false],
  ['99', '100', true],
])('%s before %s: %s', (a, b, before) => {
  expect(seqBefore(a, b)).toBe(before);
});
