import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import { BadRequestError, ImportValidationError } from '../../shared/errors.ts';
import { parseLocalCsv } from './local-csv.importer.ts';
import { KIND_NEEDS, UPLOAD_KINDS, parseUpload } from './parse-upload.ts';
import { parseStatlineCsv } from './statline-csv.importer.ts';
import { parseDataProperties } from './cbs-metadata.ts';

const lookup = dordrechtLookup2023();
const read = (relative: string) => fs.readFileSync(path.join(projectRoot, relative));
const LOCAL = 'test/fixtures/imports/lokaal-dordrecht-kengetallen.fixture.csv';
const STATLINE = 'test/fixtures/imports/kwb-2024-oud-krispijn-statline-bom.fixture.csv';
const PROPERTIES = 'datasets/cbs-kwb-2024/85984NED_DataProperties.json';

describe('parseUpload', () => {
  it('gives the same result as calling the importer directly', () => {
    const bytes = read(LOCAL);
    const direct = parseLocalCsv({ bytes, fileName: 'a.csv' }, lookup, {
      indelingYear: 2023,
      source: 'Fixture',
    });
    const shared = parseUpload(
      'lokaal',
      bytes,
      'a.csv',
      { indelingYear: 2023, source: 'Fixture' },
      lookup,
    );
    assert.deepEqual(shared, direct);
  });

  it('reads a StatLine CSV with its DataProperties file, matched by name in the municipality', () => {
    const bytes = read(STATLINE);
    const meta = { bytes: read(PROPERTIES), fileName: 'DataProperties.json' };
    const options = {
      indelingYear: 2023,
      tableId: '85984NED',
      period: '2024',
      municipalityCode: 'GM0505',
    };
    const dataProperties = parseDataProperties(meta.bytes, meta.fileName);
    // A municipal upload (the workspace of GM0505) writes only GM0505's areas: not NL00.
    const shared = parseUpload('statline', bytes, 's.csv', options, lookup, meta);
    const direct = parseStatlineCsv({ bytes, fileName: 's.csv' }, lookup, {
      ...options,
      scope: 'GM0505',
      dataProperties,
    });
    assert.deepEqual(shared, direct);
    assert.ok(shared.observations.length > 0);
    assert.ok(shared.observations.every((o) => o.area_code !== 'NL00'));
    // A national import (the national role) reads the municipality and the Netherlands.
    const national = parseUpload(
      'statline',
      bytes,
      's.csv',
      { ...options, scope: 'NL00' },
      lookup,
      meta,
    );
    const nationalDirect = parseStatlineCsv({ bytes, fileName: 's.csv' }, lookup, {
      ...options,
      dataProperties,
    });
    assert.deepEqual(national, nationalDirect);
    assert.ok(national.observations.some((o) => o.area_code === 'NL00'));
  });

  it('says in Dutch which option or file is missing', () => {
    const bytes = read(STATLINE);
    assert.throws(
      () => parseUpload('statline', bytes, 's.csv', { indelingYear: 2023, period: '2024' }, lookup),
      (e: unknown) => e instanceof BadRequestError && /DataProperties/.test(e.message),
    );
    assert.throws(
      () => parseUpload('pdok', bytes, 'p.geojson', { indelingYear: 2023 }, lookup),
      (e: unknown) => e instanceof BadRequestError && /niveau/.test(e.message),
    );
  });

  it('refuses a bad file with an ImportValidationError naming the line', () => {
    const text = read(LOCAL).toString('utf8').replace('54928', 'veel');
    assert.throws(
      () => parseUpload('lokaal', Buffer.from(text), 'k.csv', { indelingYear: 2023 }, lookup),
      (e: unknown) => e instanceof ImportValidationError && e.problems.some((p) => p.line === 4),
    );
  });

  it('declares the needs of every kind', () => {
    assert.deepEqual(Object.keys(KIND_NEEDS).sort(), [...UPLOAD_KINDS].sort());
  });
});
