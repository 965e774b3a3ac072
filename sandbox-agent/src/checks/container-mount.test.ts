import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mountsOf } from './container-mount.ts';

// The parts of `docker inspect` that container_mount reads, as Docker 26 writes them for `--mount`, `-v`
// and `--tmpfs` (test/integration/check-assertions.test.ts checks the same against a real engine).
test('volumes, bind mounts and both kinds of tmpfs are read from one inspect answer', () => {
  const inspect = {
    Mounts: [
      {
        Type: 'volume',
        Name: 'test-volume',
        Source: '/var/lib/docker/volumes/test-volume/_data',
        Destination: '/usr/share/data',
        Driver: 'local',
        Mode: 'z',
        RW: true,
        Propagation: '',
      },
      {
        Type: 'bind',
        Source: '/root/site/',
        Destination: '/srv/site',
        Mode: '',
        RW: false,
        Propagation: 'rprivate',
      },
      { Type: 'tmpfs', Source: '', Destination: '/cache', Mode: '', RW: true, Propagation: '' },
    ],
    HostConfig: { Tmpfs: { '/run/scratch': 'ro,size=16m', '/cache': '' } },
  };
  assert.deepEqual(mountsOf(inspect), [
    { kind: 'volume', source: 'test-volume', target: '/usr/share/data', readOnly: false },
    { kind: 'bind', source: '/root/site/', target: '/srv/site', readOnly: true },
    { kind: 'tmpfs', source: '', target: '/cache', readOnly: false },
    { kind: 'tmpfs', source: '', target: '/run/scratch', readOnly: true },
  ]);
});

test('a container without mounts has none; an answer that is not an inspect has none either', () => {
  assert.deepEqual(mountsOf({ Mounts: [], HostConfig: { Tmpfs: null } }), []);
  assert.deepEqual(mountsOf({ Mounts: null, HostConfig: {} }), []);
  assert.deepEqual(mountsOf({ message: 'No such container: vol-demo' }), []);
});
