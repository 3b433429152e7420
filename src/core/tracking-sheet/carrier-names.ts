/**
 * A carrier as a seller writes it in a sheet ("DHL", "dhl paket", "Deutsche Post DHL", "PostNord",
 * "Почта России") to registry carriers. Exact after normalisation, never by substring: "Post"
 * must not become PostNord, and a name we cannot place is left to number detection.
 */
import { CARRIERS, type Carrier, type CustomCarrier } from '../carriers/index.ts';
import { normalizeHeader } from '../import/mapping.ts';

/**
 * Names sellers write that are neither a registry id nor a display name. "DHL" alone is both
 * DHL Paket and DHL Express: the number decides between them (see `resolveCarrierColumn`).
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  dhl: ['dhl-paket', 'dhl-express'],
  deutschepostdhl: ['dhl-paket'],
  dhldeutschepost: ['dhl-paket'],
  deutschepost: ['dhl-paket'],
  dhlparcel: ['dhl-paket'],
  dhlpaketdeutschland: ['dhl-paket'],
  warenpost: ['dhl-paket'],
  hermeslogistikgruppe: ['hermes'],
  myhermes: ['hermes'],
  hermesgermany: ['hermes'],
  colissimo: ['la-poste'],
  laposte: ['la-poste'],
  posten: ['bring'],
  postennorge: ['bring'],
  bring: ['bring'],
  royalmail: ['royal-mail'],
  parcelforce: ['royal-mail'],
  unitedstatespostalservice: ['usps'],
  federalexpress: ['fedex'],
  unitedparcelservice: ['ups'],
  swisspost: ['swiss-post'],
  diepost: ['swiss-post'],
  postch: ['swiss-post'],
  österreichischepost: ['austrian-post'],
  postat: ['austrian-post'],
  zasilkovna: ['packeta'],
  zásilkovna: ['packeta'],
  почтароссии: ['russian-post'],
  russianpost: ['russian-post'],
  pochtaru: ['russian-post'],
  amazon: ['amazon-logistics'],
  amazonshipping: ['amazon-logistics'],
  chinapostairmail: ['china-post'],
  auspost: ['australia-post'],
  postescanada: ['canada-post'],
};

function names(carrier: Carrier): string[] {
  // "DHL Paket / Deutsche Post" is found as the whole name and as each part.
  return [carrier.id, carrier.name, ...carrier.name.split('/')].map(normalizeHeader);
}

/** Normalised name -> carrier ids; built once, from data that never changes at run time. */
const NAME_INDEX: ReadonlyMap<string, readonly string[]> = (() => {
  const built = new Map<string, string[]>();
  const add = (key: string, id: string): void => {
    if (key === '') return;
    const ids = built.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    built.set(key, ids);
  };
  for (const carrier of CARRIERS) for (const key of names(carrier)) add(key, carrier.id);
  for (const [alias, ids] of Object.entries(ALIASES)) for (const id of ids) add(normalizeHeader(alias), id);
  return built;
})();

/**
 * Registry carrier ids a sheet's carrier cell may mean, best first; empty when the text names no
 * registry carrier. Case, spaces and punctuation are ignored ("dhl-paket" = "DHL Paket").
 */
export function carrierIdsForName(text: string): readonly string[] {
  const key = normalizeHeader(text);
  if (key === '') return [];
  return NAME_INDEX.get(key) ?? [];
}

/**
 * The seller's own carrier a sheet's carrier cell names ("Kurier Meier", "kurier-meier"), by its
 * name or its id, compared like `carrierIdsForName`; undefined when it names none of them.
 */
export function customCarrierForName(
  text: string,
  custom: readonly CustomCarrier[],
): CustomCarrier | undefined {
  const key = normalizeHeader(text);
  if (key === '') return undefined;
  return custom.find((c) => normalizeHeader(c.name) === key || normalizeHeader(c.id) === key);
}
