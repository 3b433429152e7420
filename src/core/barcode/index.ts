/** Barcodes Trackpack prints: Code 128 for order ids and tracking numbers on packing slips. */
export {
  CODE_B,
  CODE_C,
  START_B,
  START_C,
  STOP,
  canEncodeCode128,
  code128Checksum,
  encodeCode128,
  widthsOf,
  type Code128,
} from './code128.ts';
