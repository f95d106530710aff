import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

/**
 * The layer rules of ADR 0023 live in eslint.config.js. These tests lint small snippets as if
 * they were files at the given paths, so the rules cannot quietly disappear from the config.
 */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  assert.ok(result, 'ESLint gave no result');
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const layerRule = (found: string[], rule: string) =>
  found.filter((m) => m.startsWith(`${rule}:`) && m.includes('ADR 0023'));

describe('layer rules (ADR 0023)', () => {
  it('refuses kysely, src/db and repositories in a route file', async () => {
    const found = await problems(
      'src/features/example/example.routes.tsx',
      [
        "import type { Kysely } from 'kysely';",
        "import type { Database } from '../../db/schema.ts';",
        "import { listAreas } from '../areas/area.repository.ts';",
        'export const used: [Kysely<Database> | undefined, typeof listAreas] = [undefined, listAreas];',
        '',
      ].join('\n'),
    );
    assert.equal(layerRule(found, 'no-restricted-imports').length, 3, found.join('\n'));
  });

  it('refuses the database and repositories in views and page files too', async () => {
    for (const file of [
      'src/features/example/views/example.page.tsx',
      'src/features/example/example.page.tsx',
      'src/features/example/example.views.tsx',
    ]) {
      const found = await problems(
        file,
        "import { findArea } from '../areas/area.repository.ts';\nexport const f = findArea;\n",
      );
      assert.equal(layerRule(found, 'no-restricted-imports').length, 1, `${file}: ${found}`);
    }
  });

  it('refuses reaching for a database through the services in a route file', async () => {
    const found = await problems(
      'src/features/example/example.routes.ts',
      [
        'export function f(opts: { services: Record<string, unknown> }) {',
        '  const { db } = opts.services;',
        '  return [db, opts.services.db];',
        '}',
        '',
      ].join('\n'),
    );
    assert.equal(layerRule(found, 'no-restricted-syntax').length, 2, found.join('\n'));
  });

  it('lets only src/app.ts import a route file', async () => {
    const code =
      "import { homeRoutes } from './features/home/home.routes.tsx';\nexport const r = homeRoutes;\n";
    const inService = await problems('src/features/example/example.service.ts', code);
    assert.equal(layerRule(inService, 'no-restricted-imports').length, 1, inService.join('\n'));
    const inRoute = await problems('src/features/example/other.routes.tsx', code);
    assert.equal(layerRule(inRoute, 'no-restricted-imports').length, 1, inRoute.join('\n'));
    assert.deepEqual(await problems('src/app.ts', code), []);
  });

  it('lets a route file use the services it is given', async () => {
    const found = await problems(
      'src/features/example/example.routes.ts',
      [
        "import type { FastifyInstance } from 'fastify';",
        "import type { Services } from '../../composition.ts';",
        'export async function exampleRoutes(app: FastifyInstance, opts: { services: Services }) {',
        '  const { focusAreas } = opts.services;',
        "  app.get('/voorbeeld', async () => focusAreas.list());",
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(found, []);
  });
});
