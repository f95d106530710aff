/** The README's Layout section names every feature folder, and nothing that is gone (issue 16.5). */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

describe('the README layout', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Tests'));
  const listed = [...layout.matchAll(/^ {2}([a-z-]+)\/ /gm)].map((m) => m[1] ?? '');
  const folders = readdirSync(join(root, 'src', 'features'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it('finds the feature list', () => assert.ok(listed.length > 10, String(listed.length)));

  it('names every feature folder of src/features', () => {
    assert.deepEqual(
      folders.filter((f) => !listed.includes(f)),
      [],
      'README.md, ## Layout: deze mappen ontbreken',
    );
  });

  it('names no folder that is gone', () => {
    assert.deepEqual(
      listed.filter((f) => !folders.includes(f)),
      [],
      'README.md, ## Layout: deze mappen bestaan niet meer',
    );
  });
});
