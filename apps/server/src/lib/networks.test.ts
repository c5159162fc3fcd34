import { describe, expect, it } from 'vitest';
import { clientKeyOf, networkMatcher, parseCidr, parseCidrList, unmapAddress } from './networks';

describe('networks', () => {
  it.each([
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['192.0.2.7', { address: '192.0.2.7', prefix: 32, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
    ['::ffff:10.0.0.0/104', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['::ffff:127.0.0.1', { address: '127.0.0.1', prefix: 32, family: 'ipv4' }],
    [' 0.0.0.0/0 ', { address: '0.0.0.0', prefix: 0, family: 'ipv4' }],
  ])('reads %s', (text, expected) => {
    expect(parseCidr(text)).toEqual(expected);
  });

  it.each([
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0/8',
    '10.0.0.0/8/1',
    '10.0.0.0/',
    '10.0.0.0/-1',
    'mx.example.com',
    '',
    '::ffff:10.0.0.0/64',
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('reads a comma-separated list, blanks ignored, and refuses it when one entry is bad', () => {
    expect(parseCidrList(' 10.0.0.0/8, ,2001:db8::/32,')).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(parseCidrList(undefined)).toEqual([]);
    expect(parseCidrList('10.0.0.0/8,nope')).toBeNull();
  });

  it('matches IPv4, IPv6 and IPv4-mapped IPv6 addresses', () => {
    const trusted = networkMatcher(['127.0.0.1/32', '10.20.0.0/16', '2001:db8:1::/48']);
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('::ffff:127.0.0.1')).toBe(true);
    expect(trusted('::FFFF:10.20.255.1')).toBe(true);
    expect(trusted('127.0.0.2')).toBe(false);
    expect(trusted('10.21.0.1')).toBe(false);
    expect(trusted('2001:db8:1:ffff::25')).toBe(true);
    expect(trusted('2001:db8:2::25')).toBe(false);
    expect(trusted('::1')).toBe(false);
    expect(trusted('not an address')).toBe(false);
    expect(networkMatcher([])('127.0.0.1')).toBe(false);
    expect(networkMatcher(['::1'])('::1')).toBe(true);
    expect(networkMatcher(['0.0.0.0/0'])('203.0.113.9')).toBe(true);
    expect(() => networkMatcher(['10.0.0.0/40'])).toThrow(/Not a network/);
  });

  it('counts IPv4 clients by address and IPv6 clients by their /64', () => {
    expect(unmapAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKeyOf('192.0.2.1')).toBe('192.0.2.1');
    expect(clientKeyOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientKeyOf('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(clientKeyOf('2001:DB8:a:b::99')).toBe('2001:db8:a:b::/64');
    expect(clientKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKeyOf('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
