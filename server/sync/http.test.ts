import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { clientAddressFrom, errorLogLine, loggedPath, rateLimitGroup } from './http.ts';

describe('clientAddressFrom', () => {
  it.each<[string, string | undefined, number, string]>([
    ['no proxy trusted: the socket, whatever the header says', '1.2.3.4', 0, '10.0.0.1'],
    ['no header', undefined, 1, '10.0.0.1'],
    ['one proxy: the entry it appended', '203.0.113.7', 1, '203.0.113.7'],
    ['one proxy, client-written entries before it are ignored', '1.2.3.4, 203.0.113.7', 1, '203.0.113.7'],
    ['two proxies', '1.2.3.4, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    ['fewer entries than proxies: the leftmost', '203.0.113.7', 3, '203.0.113.7'],
    ['an empty header', ' , ', 1, '10.0.0.1'],
  ])('%s', (_name, header, hops, expected) => {
    expect(clientAddressFrom('10.0.0.1', header, hops)).toBe(expected);
  });
});

describe('TRUST_PROXY_HOPS', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['1', 1],
    ['2', 2],
  ])('%s -> %s', (raw, hops) => {
    expect(readConfig(raw === undefined ? {} : { TRUST_PROXY_HOPS: raw }).trustProxyHops).toBe(hops);
  });

  it.each(['-1', '1.5', 'yes', '11'])('refuses %s', (raw) => {
    expect(() => readConfig({ TRUST_PROXY_HOPS: raw })).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe('loggedPath', () => {
  it.each([
    ['/t/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', '/t/[token]'],
    ['/t/abc/deeper/still', '/t/[token]'],
    ['/t/assets/buyer.css', '/t/assets/buyer.css'],
    ['/t/assets/../x', '/t/[token]'],
    ['/t/', '/t/'],
    ['/api/push', '/api/push'],
    ['/api/t/x', '/api/t/x'],
  ])('%s -> %s', (path, logged) => {
    expect(loggedPath(path)).toBe(logged);
  });
});

describe('errorLogLine', () => {
  it('names the error and where it was thrown, never its message', () => {
    const error = Object.assign(new Error('value "s3cret" refused'), { code: '22P02' });
    const line = JSON.parse(errorLogLine('POST', '/t/s3cret', error)) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      method: 'POST',
      path: '/t/[token]',
      error: 'Error',
      code: '22P02',
    });
    expect(line['stack']).toEqual(expect.arrayContaining([expect.stringMatching(/^at /)]));
    expect(JSON.stringify(line)).not.toContain('s3cret');
  });
});

describe('rateLimitGroup', () => {
  it.each([
    ['an IPv4 address stands alone', '203.0.113.7', '203.0.113.7'],
    ['IPv6: its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['another address of the same /64', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['the next /64 is another group', '2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['compressed', '2001:db8::1', '2001:db8:0:0::/64'],
    ['leading zeros and capitals', '2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['in brackets, with a zone', '[fe80::1%eth0]', 'fe80:0:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['IPv4-mapped is its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['IPv4-mapped in hex', '::ffff:cb00:7107', '203.0.113.7'],
    ['a dotted tail that is not mapped', '64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['not an address', 'unknown', 'unknown'],
  ])('%s', (_name, address, group) => {
    expect(rateLimitGroup(address)).toBe(group);
  });
});
