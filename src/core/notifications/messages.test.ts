import { describe, expect, it } from 'vitest';
import { notificationMessages } from '../i18n/messages/notifications.ts';
import { LOCALES } from '../i18n/locales.ts';
import { TEMPLATE_ISSUE_CODES, TEMPLATE_PLACEHOLDERS } from './template.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from './types.ts';

// Until the catalog is merged into `src/core/i18n/index.ts` (and its shared catalog test), the
// same checks here: same placeholders in every language, and a label for every kind, channel,
// placeholder and template problem the core defines.
describe('notification messages', () => {
  const en: Record<string, unknown> = notificationMessages.en;
  const placeholders = (m: unknown) => [...new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? [])].sort();

  it.each(LOCALES)('%s has a text for every key with the same placeholders as English', (locale) => {
    const other: Record<string, unknown> = notificationMessages[locale];
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(other[key], key).toBeTruthy();
      expect(placeholders(other[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('keeps every key under notify.', () => {
    expect(Object.keys(en).filter((key) => !key.startsWith('notify.'))).toEqual([]);
  });

  it('labels every kind, channel, placeholder and template problem', () => {
    const expected = [
      ...NOTIFICATION_KINDS.map((k) => `notify.kind.${k}`),
      ...NOTIFICATION_CHANNELS.map((c) => `notify.channel.${c}`),
      ...TEMPLATE_PLACEHOLDERS.map((p) => `notify.placeholder.${p}`),
      ...TEMPLATE_ISSUE_CODES.map((c) => `notify.issue.${c}`),
    ];
    expect(expected.filter((key) => !(key in en))).toEqual([]);
  });
});
