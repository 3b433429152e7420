/**
 * Work put off until the frame under way is painted, for components (which reach the browser's
 * scheduling through the state layer): see `afterNextPaint`.
 */
export { afterNextPaint } from '../platform/scheduling.ts';
