/**
 * The seller's "needs attention" settings (`Settings.workflow`) as the attention rules take them,
 * and the checks the Settings form makes before saving.
 */
import type { WorkflowSettings } from '../settings.ts';
import type { AttentionThresholds } from '../workflow/attention.ts';

/** Smallest and largest threshold a seller can set, in days. */
export const MIN_THRESHOLD_DAYS = 1;
export const MAX_THRESHOLD_DAYS = 365;

export const THRESHOLD_FIELDS = [
  'notShippedDays',
  'notDeliveredDomesticDays',
  'notDeliveredInternationalDays',
] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

export type WorkflowProblem = { field: ThresholdField | 'shopCountry' };

/** What `attentionReasons` needs from the settings: thresholds by rule, and the shop's country. */
export interface AttentionConfig {
  thresholds: Required<AttentionThresholds>;
  /** ISO alpha-2, upper case; absent when the seller has not said (every parcel counts as abroad). */
  shopCountry?: string;
}

export function attentionConfigOf(workflow: WorkflowSettings): AttentionConfig {
  const country = workflow.shopCountry.trim().toUpperCase();
  return {
    thresholds: {
      not_shipped: workflow.notShippedDays,
      not_delivered_domestic: workflow.notDeliveredDomesticDays,
      not_delivered_international: workflow.notDeliveredInternationalDays,
    },
    ...(country !== '' ? { shopCountry: country } : {}),
  };
}

/** Whether two configurations flag the same orders (for "recompute only when it changed"). */
export function sameAttentionConfig(a: AttentionConfig, b: AttentionConfig): boolean {
  return (
    a.shopCountry === b.shopCountry &&
    a.thresholds.not_shipped === b.thresholds.not_shipped &&
    a.thresholds.not_delivered_domestic === b.thresholds.not_delivered_domestic &&
    a.thresholds.not_delivered_international === b.thresholds.not_delivered_international
  );
}

export function isThresholdDays(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_THRESHOLD_DAYS &&
    value <= MAX_THRESHOLD_DAYS
  );
}

/**
 * Problems that prevent saving: a threshold that is not a whole number from 1 to 365, or a shop
 * country that is neither empty nor two letters. `isCountry` says whether a two-letter code is a
 * real ISO 3166-1 country.
 */
export function workflowProblems(
  workflow: WorkflowSettings,
  isCountry: (code: string) => boolean,
): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const country = workflow.shopCountry.trim().toUpperCase();
  if (country !== '' && !(/^[A-Z]{2}$/.test(country) && isCountry(country)))
    problems.push({ field: 'shopCountry' });
  for (const field of THRESHOLD_FIELDS) if (!isThresholdDays(workflow[field])) problems.push({ field });
  return problems;
}

/** The settings as they are saved: the country trimmed and upper case. */
export function cleanWorkflow(workflow: WorkflowSettings): WorkflowSettings {
  return { ...workflow, shopCountry: workflow.shopCountry.trim().toUpperCase() };
}
