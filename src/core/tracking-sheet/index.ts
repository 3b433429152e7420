/**
 * Tracking sheets in: read a sheet of tracking numbers (our own export, ATLAS, a campaign
 * dashboard list, or any sheet with recognisable headers) and plan the parcels and status changes
 * it means. Pure; the worker parses, the app commits the plan in one transaction.
 */
export {
  parseTrackingFile,
  splitNumbers,
  type ParseTrackingFileOptions,
  type TrackingDetected,
  type TrackingPreview,
  type TrackingUpdate,
} from './parse.ts';
export {
  ORDER_TRANSITION_MUTATION,
  PARCEL_UPSERT_MUTATION,
  planTrackingImport,
  type OrderTrackingResult,
  type OrderTransitionMutationArgs,
  type ParcelUpsertMutationArgs,
  type PlanTrackingOptions,
  type SkipReason,
  type TrackingPlan,
} from './plan.ts';
export {
  TRACKING_ERROR_CODES,
  trackingError,
  type TrackingError,
  type TrackingErrorCode,
  type TrackingOnlyErrorCode,
} from './errors.ts';
export {
  TRACKING_FIELDS,
  TRACKING_FIELD_KEYS,
  TRACKING_FIELD_GUESS_ORDER,
  type TrackingField,
} from './fields.ts';
export {
  FALLBACK_TRACKING_PRESET,
  TRACKING_PRESETS,
  atlasPreset,
  campaignPreset,
  candidatesOf,
  detectTrackingPreset,
  genericTrackingPreset,
  ownSheetPreset,
  trackingPresetById,
  trackingPresetScore,
  type TrackingPreset,
} from './presets.ts';
export { carrierIdsForName, customCarrierForName } from './carrier-names.ts';
