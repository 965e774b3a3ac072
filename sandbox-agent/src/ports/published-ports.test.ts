import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portsVersion, publishedPortsOf } from './published-ports.ts';

// Shapes as the Engine API 1.41 returns them for `docker run -d -p 8080:80 …` and friends.
const listing = [
  {
    Names: ['/web'],
    State: 'running',
    Ports: [
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 443, Type: 'tcp' },
    ],
  },
  {
    Names: ['/dns'],
    State: 'running',
    Ports: [{ IP: '0.0.0.0', PrivatePort: 53, PublicPort: 53, Type: 'udp' }],
  },
  {
    Names: ['/local-only'],
    State: 'running',
    Ports: [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 9000, Type: 'tcp' }],
  },
  {
    Names: ['/api'],
    State: 'running',
    Ports: [{ IP: '0.0.0.0', PrivatePort: 3000, PublicPort: 3000, Type: 'tcp' }],
  },
  { Names: ['/plain'], State: 'running', Ports: null },
];

test('TCP ports published on every address are listed once each, sorted', () => {
  assert.deepEqual(publishedPortsOf('node1', listing), [
    { node: 'node1', port: 3000, containerPort: 3000, container: 'api' },
    { node: 'node1', port: 8080, containerPort: 80, container: 'web' },
  ]);
});

test('an answer that is not a container list is refused, not guessed at', () => {
  assert.equal(publishedPortsOf('node1', { message: 'page not found' }), undefined);
  assert.equal(
    publishedPortsOf('node1', [
      { Names: ['/x'], Ports: [{ PrivatePort: 80, PublicPort: 70000, Type: 'tcp' }] },
    ]),
    undefined,
  );
  assert.deepEqual(publishedPortsOf('node1', []), []);
});

test('the version follows the content only', () => {
  const a = publishedPortsOf('node1', listing) ?? [];
  assert.equal(portsVersion(a), portsVersion([...a].reverse()));
  assert.notEqual(portsVersion(a), portsVersion(a.slice(1)));
  assert.notEqual(portsVersion([]), portsVersion(a));
});
