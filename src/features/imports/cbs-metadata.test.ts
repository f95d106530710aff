import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import { parseDataProperties, variableStem } from './cbs-metadata.ts';

it('strips the edition suffix from CBS keys', () => {
  assert.equal(variableStem('AantalInwoners_5'), 'AantalInwoners');
  assert.equal(variableStem('k_0Tot15Jaar_8'), 'k_0Tot15Jaar');
  assert.equal(variableStem('WijkenEnBuurten'), 'WijkenEnBuurten');
});

it('reads the shipped 85984NED DataProperties', () => {
  const file = path.join(projectRoot, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json');
  const props = parseDataProperties(fs.readFileSync(file), '85984NED_DataProperties.json');
  const inwoners = props.find((p) => p.key === 'AantalInwoners_5');
  assert.equal(inwoners?.stem, 'AantalInwoners');
  assert.equal(inwoners?.title, 'Aantal inwoners');
  assert.equal(inwoners?.unit, 'aantal');
  assert.ok(
    props.every((p) => p.key !== ''),
    'topic groups are left out',
  );
});

it('refuses a file that is not JSON, naming the file', () => {
  assert.throws(
    () => parseDataProperties(Buffer.from('{niet'), 'kapot.json'),
    (e: unknown) => e instanceof ImportValidationError && /kapot\.json/.test(e.message),
  );
});
