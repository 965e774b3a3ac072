import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenge } from './upstream-registry.ts';

test("Docker Hub's Bearer challenge and a Basic one are read as docker reads them", () => {
  assert.deepEqual(
    parseChallenge(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    ),
    {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/alpine:pull',
      },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="Registry"'), {
    scheme: 'basic',
    params: { realm: 'Registry' },
  });
});
