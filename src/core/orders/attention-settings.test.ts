import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type WorkflowSettings } from '../settings.ts';
import { isIsoCountryCode } from '../carriers/countries.ts';
import {
  attentionConfigOf,
  cleanWorkflow,
  sameAttentionConfig,
  workflowProblems,
} from './attention-settings.ts';

const base: WorkflowSettings = DEFAULT_SETTINGS.workflow;

describe('workflowProblems', () => {
  it.each([
    [{}, []],
    [{ shopCountry: 'de' }, []],
    [{ shopCountry: ' SE ' }, []],
    [{ shopCountry: 'XX' }, ['shopCountry']],
    [{ shopCountry: 'Germany' }, ['shopCountry']],
    [{ notShippedDays: 1 }, []],
    [{ notShippedDays: 365 }, []],
    [{ notShippedDays: 0 }, ['notShippedDays']],
    [{ notDeliveredDomesticDays: 366 }, ['notDeliveredDomesticDays']],
    [{ notDeliveredInternationalDays: 2.5 }, ['notDeliveredInternationalDays']],
    [{ notDeliveredInternationalDays: Number.NaN }, ['notDeliveredInternationalDays']],
    [{ shopCountry: '1', notShippedDays: -1 }, ['shopCountry', 'notShippedDays']],
  ] as [Partial<WorkflowSettings>, string[]][])('%j -> %j', (change, fields) => {
    expect(workflowProblems({ ...base, ...change }, isIsoCountryCode).map((p) => p.field)).toEqual(fields);
  });
});

describe('attentionConfigOf', () => {
  it('maps the fields to the rules and leaves an unknown country out', () => {
    expect(attentionConfigOf({ ...base, notShippedDays: 3 })).toEqual({
      thresholds: { not_shipped: 3, not_delivered_domestic: 10, not_delivered_international: 45 },
    });
    expect(attentionConfigOf({ ...base, shopCountry: ' de' }).shopCountry).toBe('DE');
  });

  it('compares configurations by value', () => {
    const a = attentionConfigOf(base);
    expect(sameAttentionConfig(a, attentionConfigOf({ ...base }))).toBe(true);
    expect(sameAttentionConfig(a, attentionConfigOf({ ...base, shopCountry: 'DE' }))).toBe(false);
    expect(sameAttentionConfig(a, attentionConfigOf({ ...base, notDeliveredDomesticDays: 9 }))).toBe(false);
  });

  it('cleans the country before saving', () => {
    expect(cleanWorkflow({ ...base, shopCountry: ' se ' }).shopCountry).toBe('SE');
  });
});
