/** Shared by the data-workspace tests: multipart bodies and the fixture files they upload. */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.ts';

export const FIXTURES = path.join(projectRoot, 'test/fixtures/imports');
export const LOCAL_FIXTURE = 'lokaal-dordrecht-kengetallen.fixture.csv';

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

export interface FilePart {
  fileName: string;
  bytes: Buffer;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it. */
export function multipart(
  fields: Record<string, string>,
  files: Record<string, FilePart>,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----wkfixture${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * File B of the withdrawal test: the local fixture (file A) with three values changed by the
 * test. These are not real figures; B exists only to prove that withdrawing it restores A.
 */
export function correctedLocalFixture(): { bytes: Buffer; changed: Map<string, number> } {
  const changed = new Map<string, number>();
  const lines = fixtureBytes(LOCAL_FIXTURE)
    .toString('utf8')
    .split('\n')
    .map((line) => {
      const cells = line.split(';');
      const [code, period, indicator, value] = cells;
      if (indicator === 'woningen_totaal' && (period === '2019' || period === '2020')) {
        const next = Number(value) + 10;
        changed.set(`${indicator}|${code}|${period}`, next);
        cells[3] = String(next);
      }
      if (indicator === 'aantal_inwoners' && code === 'BU05050300') {
        const next = Number(value) + 5;
        changed.set(`${indicator}|${code}|${period}`, next);
        cells[3] = String(next);
      }
      return cells.join(';');
    });
  return { bytes: Buffer.from(lines.join('\n'), 'utf8'), changed };
}
