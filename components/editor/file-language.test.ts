import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileLanguage } from './file-language.ts';

test('Dockerfiles are recognised by name, other files by extension', () => {
  assert.equal(fileLanguage('/root/mynginx/Dockerfile'), 'dockerfile');
  assert.equal(fileLanguage('/root/app/Dockerfile.dev'), 'dockerfile');
  assert.equal(fileLanguage('/root/app/prod.dockerfile'), 'dockerfile');
  assert.equal(fileLanguage('/root/compose.yaml'), 'yaml');
  assert.equal(fileLanguage('/root/run.sh'), 'shell');
  assert.equal(fileLanguage('/root/.bashrc'), 'plaintext');
  assert.equal(fileLanguage('/root/notes'), 'plaintext');
});
