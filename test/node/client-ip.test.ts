// Which client a request is charged to: IP parsing (IPv4, IPv6, ports, zones, IPv4-mapped), CIDR
// ranges, the right-most untrusted X-Forwarded-For hop for each form of trustProxy, the IPv6 /64
// budget, and a fetch mount that passes no client IP (one warning, one shared budget).
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { createConsentHandler, memoryStore } from '../../src/server/index.js';
import { clientIpResolver } from '../../src/server/client-ip.js';
import { budgetKey, inRange, parseIp, parseIpRange } from '../../src/server/ip-address.js';
import { publisher } from './server-fixtures.js';

describe('parseIp and parseIpRange', () => {
  it('read what sockets and proxies write', () => {
    assert.deepEqual(parseIp('203.0.113.7'), { version: 4, value: 0xcb007107n });
    assert.deepEqual(parseIp('203.0.113.7:5000'), parseIp('203.0.113.7'));
    assert.deepEqual(parseIp('::ffff:203.0.113.7'), parseIp('203.0.113.7'), 'IPv4-mapped reads as IPv4');
    assert.deepEqual(parseIp('[2001:db8::1]:443'), { version: 6, value: (0x20010db8n << 96n) | 1n });
    assert.deepEqual(parseIp('fe80::1%eth0'), { version: 6, value: (0xfe80n << 112n) | 1n });
    assert.deepEqual(parseIp('::'), { version: 6, value: 0n });
    assert.deepEqual(parseIp('1:2:3:4:5:6:7:8'), parseIp('1:2:3:4:5:6:0.7.0.8'));
    for (const bad of ['', 'unknown', '256.0.0.1', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', 'g::1', '12345::']) {
      assert.equal(parseIp(bad), undefined, bad);
    }
  });

  it('match addresses to ranges of their own version', () => {
    const inside = (ip: string, range: string) => inRange(parseIp(ip)!, parseIpRange(range)!);
    assert.ok(inside('10.200.3.4', '10.0.0.0/8'));
    assert.ok(!inside('11.0.0.1', '10.0.0.0/8'));
    assert.ok(inside('fd12::1', 'fd00::/8'));
    assert.ok(!inside('fe80::1', 'fd00::/8'));
    assert.ok(inside('::ffff:127.0.0.1', '127.0.0.1'), 'an IPv4 client of an IPv6 socket');
    assert.ok(inside('10.1.1.1', '::ffff:10.0.0.0/104'));
    assert.ok(inside('1.2.3.4', '0.0.0.0/0') && !inside('::1', '0.0.0.0/0'));
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/8/1', 'x/8', '10.0.0.0/-1']) assert.equal(parseIpRange(bad), undefined, bad);
  });

  it('keep one budget per IPv4 address and per IPv6 /64, and one for requests without an IP', () => {
    assert.equal(budgetKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(budgetKey('2001:db8:1:2:aaaa::1'), budgetKey('2001:db8:1:2:bbbb::2'));
    assert.notEqual(budgetKey('2001:db8:1:2::1'), budgetKey('2001:db8:1:3::1'));
    assert.equal(budgetKey(undefined), budgetKey(undefined));
    assert.notEqual(budgetKey(undefined), budgetKey('203.0.113.7'));
  });
});

describe('clientIpResolver: the right-most X-Forwarded-For entry that is not a trusted proxy', () => {
  const forwarded = '198.51.100.1, 203.0.113.5, 10.0.0.2';

  it('takes the socket address without trustProxy, and with no X-Forwarded-For', () => {
    assert.equal(clientIpResolver()('10.0.0.1', forwarded), '10.0.0.1');
    assert.equal(clientIpResolver(false)('10.0.0.1', forwarded), '10.0.0.1');
    assert.equal(clientIpResolver(0)('10.0.0.1', forwarded), '10.0.0.1');
    assert.equal(clientIpResolver(true)('10.0.0.1', null), '10.0.0.1');
    assert.equal(clientIpResolver(true)(undefined, forwarded), undefined, 'no peer, no client IP');
  });

  it('counts hops from the socket: true is one proxy, N is N', () => {
    assert.equal(clientIpResolver(true)('10.0.0.1', forwarded), '10.0.0.2');
    assert.equal(clientIpResolver(1)('10.0.0.1', forwarded), '10.0.0.2');
    assert.equal(clientIpResolver(2)('10.0.0.1', forwarded), '203.0.113.5');
    assert.equal(clientIpResolver(9)('10.0.0.1', forwarded), '198.51.100.1', 'more hops than entries: the farthest');
    assert.equal(clientIpResolver(1)('10.0.0.1', ' , 203.0.113.5 ,, '), '203.0.113.5', 'empty entries are skipped');
  });

  it('with a list, skips the trusted proxies from the right, whatever the client wrote before them', () => {
    const resolve = clientIpResolver(['10.0.0.0/8', '2001:db8:ffff::/48']);
    assert.equal(resolve('10.0.0.1', forwarded), '203.0.113.5');
    assert.equal(resolve('10.0.0.1', '10.9.9.9, 2001:db8:ffff::5'), '10.9.9.9', 'all trusted: the farthest');
    assert.equal(resolve('::ffff:10.0.0.1', '2001:db8::9, 2001:db8:ffff::1'), '2001:db8::9');
    assert.equal(resolve('203.0.113.9', forwarded), '203.0.113.9', 'an untrusted peer is the client, whatever it forwards');
    assert.equal(resolve('10.0.0.1', 'garbage, 10.1.1.1'), 'garbage', 'what a trusted proxy wrote, even if it is no address');
  });

  it('refuses a trustProxy that is none of its forms, saying what is wrong', () => {
    assert.throws(() => clientIpResolver(-1), /trustProxy as a number is how many proxies are in front/);
    assert.throws(() => clientIpResolver(1.5), TypeError);
    assert.throws(() => clientIpResolver(['10.0.0.0/8', 'proxy.internal']), /trustProxy\[1\] must be a proxy's IP address or a CIDR range/);
    assert.throws(() => clientIpResolver('10.0.0.1' as never), /trustProxy must be false, true, a number/);
    assert.throws(() => createConsentHandler({ publishers: [publisher.address], store: memoryStore(), trustProxy: ['x'] }), TypeError);
  });
});

describe('a fetch mount that passes no clientIp', () => {
  const status = () =>
    new Request(`http://127.0.0.1/consent?publisher=${publisher.address}&subscriber=${publisher.address}`);

  it('warns the operator once, and all such requests share one budget', async () => {
    const warned = mock.method(console, 'error', () => {});
    try {
      const handler = createConsentHandler({ publishers: [publisher.address], store: memoryStore(), rateLimit: { perMinute: 2 }, log: false });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await handler(status())).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.equal((await handler(status(), { clientIp: '203.0.113.8' })).status, 200, 'a known client has its own budget');
      assert.equal(warned.mock.callCount(), 1);
      assert.match(String(warned.mock.calls[0]!.arguments[0]), /without a client IP.*shares one rate-limit budget.*handler\(request, \{ clientIp \}\)/);
    } finally {
      warned.mock.restore();
    }
  });

  it('is not warned about when client IPs have no budget', async () => {
    const warned = mock.method(console, 'error', () => {});
    try {
      const handler = createConsentHandler({ publishers: [publisher.address], store: memoryStore(), rateLimit: { perMinute: 0 }, log: false });
      assert.equal((await handler(status())).status, 200);
      assert.equal(warned.mock.callCount(), 0);
    } finally {
      warned.mock.restore();
    }
  });
});
