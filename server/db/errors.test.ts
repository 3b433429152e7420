import { describe, expect, it } from 'vitest';
import { isDatabaseFailure, isDataError } from './errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseFailure', () => {
  it.each<[string, unknown, boolean]>([
    ['connection failure 08006', withCode('08006'), true],
    ['serialization failure 40001', withCode('40001'), true],
    ['deadlock 40P01', withCode('40P01'), true],
    ['too many connections 53300', withCode('53300'), true],
    ['admin shutdown 57P01', withCode('57P01'), true],
    ['internal error XX000', withCode('XX000'), true],
    ['socket reset', withCode('ECONNRESET'), true],
    ['refused', withCode('ECONNREFUSED'), true],
    ['node-postgres without a code', new Error('Connection terminated unexpectedly'), true],
    ['PGlite closed', new Error('PGlite is closed'), true],
    ['invalid text 22P02', withCode('22P02'), false],
    ['unique violation 23505', withCode('23505'), false],
    ['undefined column 42703', withCode('42703'), false],
    ['a TypeError of our own', new TypeError('Cannot read properties of undefined'), false],
    ['a string thrown', 'boom', false],
    ['null', null, false],
  ])('%s -> %s', (_name, error, expected) => {
    expect(isDatabaseFailure(error)).toBe(expected);
  });
});

describe('isDataError', () => {
  it.each<[unknown, boolean]>([
    [withCode('22001'), true],
    [withCode('23505'), false],
    [new Error('no code'), false],
    [undefined, false],
  ])('%o -> %s', (error, expected) => {
    expect(isDataError(error)).toBe(expected);
  });
});
