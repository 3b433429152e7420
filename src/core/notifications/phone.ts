/**
 * Phone numbers for text messages. SMS gateways want E.164 (`+4917112345678`); marketplace files
 * give whatever the buyer typed. An international number is kept; a national one is completed
 * from the delivery country when we know its calling code and trunk prefix; anything else is
 * refused rather than guessed, because a wrong guess texts a stranger.
 */

/** Calling code and national trunk prefix of the countries our sellers ship to most. */
const CALLING_CODES: Readonly<Record<string, { code: string; trunk: string }>> = {
  DE: { code: '49', trunk: '0' },
  AT: { code: '43', trunk: '0' },
  CH: { code: '41', trunk: '0' },
  SE: { code: '46', trunk: '0' },
  NO: { code: '47', trunk: '' },
  DK: { code: '45', trunk: '' },
  FI: { code: '358', trunk: '0' },
  NL: { code: '31', trunk: '0' },
  BE: { code: '32', trunk: '0' },
  FR: { code: '33', trunk: '0' },
  GB: { code: '44', trunk: '0' },
  IE: { code: '353', trunk: '0' },
  PL: { code: '48', trunk: '' },
  CZ: { code: '420', trunk: '' },
  IT: { code: '39', trunk: '' },
  ES: { code: '34', trunk: '' },
  US: { code: '1', trunk: '1' },
  CA: { code: '1', trunk: '1' },
  RU: { code: '7', trunk: '8' },
  KZ: { code: '7', trunk: '8' },
  BY: { code: '375', trunk: '8' },
};

const E164 = /^\+[1-9]\d{6,14}$/;

/** The number in E.164, or null when it can't be known for sure. */
export function toE164(phone: string | undefined, country?: string): string | null {
  if (phone === undefined) return null;
  // Spaces, dots, dashes, slashes and brackets are how people group digits; nothing else is.
  const compact = phone.trim().replace(/[\s./()-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  if (compact.startsWith('+')) return E164.test(compact) ? compact : null;
  if (compact.startsWith('00')) {
    const international = `+${compact.slice(2)}`;
    return E164.test(international) ? international : null;
  }
  const known = CALLING_CODES[(country ?? '').trim().toUpperCase()];
  if (known === undefined) return null;
  let national = compact;
  if (known.trunk !== '' && national.startsWith(known.trunk)) national = national.slice(known.trunk.length);
  else if (known.trunk === '0' || known.trunk === '8') return null;
  const full = `+${known.code}${national}`;
  return E164.test(full) ? full : null;
}
