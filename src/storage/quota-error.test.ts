import { describe, expect, it } from 'vitest';
import { isQuotaError } from './dexie-repository.ts';

describe('isQuotaError', () => {
  it.each([
    {
      name: 'a DOMException from IndexedDB',
      error: new DOMException('full', 'QuotaExceededError'),
      quota: true,
    },
    {
      name: 'Dexie’s AbortError with the quota error inside',
      error: { name: 'AbortError', inner: { name: 'QuotaExceededError' } },
      quota: true,
    },
    {
      name: 'two levels down',
      error: { name: 'BulkError', inner: { name: 'AbortError', inner: { name: 'QuotaExceededError' } } },
      quota: true,
    },
    { name: 'a constraint error', error: { name: 'ConstraintError' }, quota: false },
    { name: 'an AbortError of its own', error: { name: 'AbortError', inner: null }, quota: false },
    { name: 'not an error at all', error: undefined, quota: false },
  ])('$name', ({ error, quota }) => {
    expect(isQuotaError(error)).toBe(quota);
  });
});
