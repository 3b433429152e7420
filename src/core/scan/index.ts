export {
  SCAN_FORMATS,
  SLIP_CODE_MAX_CHARS,
  classifyScan,
  orderIndex,
  orderKeys,
  scanKey,
  slipCode,
  type ScanFormat,
  type ScanResult,
} from './classify.ts';
