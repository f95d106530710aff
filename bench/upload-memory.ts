/**
 * One memory measurement of the upload benchmark, run as its own process so each way of reading
 * starts from the same clean memory: `node --import tsx --expose-gc bench/upload-memory.ts
 * <way> <file> [maxRows]`. Prints one line of JSON.
 *
 * Ways: `geheel` (the old reading: the whole file in memory, parseUpload), `stroom` (the upload
 * reader now: parseUploadStream from disk), `geheel-lezen` / `stroom-lezen` (the CSV reader
 * alone, rows counted and dropped: what the reading itself costs, without the result).
 *
 * The heap cannot be sampled by a timer during a synchronous parse, so it is sampled about 40
 * times per file, every so many area look-ups (one per row) or rows, after a full garbage
 * collection (live memory, not the collector's slack); the peak RSS is the kernel's high-water
 * mark, slack included.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dordrechtLookup2023 } from '../test/fixtures/imports/area-lookup.fixture.ts';
import {
  CsvStreamReader,
  ProblemList,
  readCsv,
  type CsvVisitor,
} from '../src/features/imports/csv-reader.ts';
import type { AreaLookup } from '../src/features/imports/import.types.ts';
import {
  fileSource,
  parseUpload,
  parseUploadStream,
  UPLOAD_CHUNK_BYTES,
} from '../src/features/imports/parse-upload.ts';
import { ImportValidationError } from '../src/shared/errors.ts';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
let peakHeap = 0;
let every = 2000;
const sample = () => {
  gc?.();
  const m = process.memoryUsage();
  // Buffers live outside the V8 heap: count them too.
  const used = m.heapUsed + m.external;
  if (used > peakHeap) peakHeap = used;
};

function sampling(lookup: AreaLookup): AreaLookup {
  let calls = 0;
  return {
    years: () => lookup.years(),
    findByName: (...args) => lookup.findByName(...args),
    has: (year, code) => {
      if (++calls % every === 0) sample();
      return lookup.has(year, code);
    },
  };
}

function countLines(bytes: Buffer, stopAfter: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    if (++lines > stopAfter) break;
  }
  return lines;
}

async function main(): Promise<void> {
  const [way, file, maxRowsArg] = process.argv.slice(2);
  if (!way || !file) throw new Error('gebruik: upload-memory.ts <manier> <bestand> [maxRows]');
  const maxRows = maxRowsArg ? Number(maxRowsArg) : undefined;
  // About 30 bytes a row: some 40 samples whatever the size.
  every = Math.max(1000, Math.round(fs.statSync(file).size / 30 / 40));
  const lookup = sampling(dordrechtLookup2023());
  const options = { indelingYear: 2023, municipalityCode: 'GM0505' };
  gc?.();
  const start = process.memoryUsage();
  peakHeap = start.heapUsed + start.external;
  let rows = 0;
  let refused = '';
  let bytesRead = 0;
  const counter: CsvVisitor = {
    header: () => undefined,
    row: () => {
      if (++rows % every === 0) sample();
    },
  };
  const began = performance.now();
  try {
    switch (way) {
      case 'geheel': {
        const bytes = fs.readFileSync(file);
        bytesRead = bytes.length;
        // The old row limit: lines counted in the whole file before parsing.
        if (maxRows !== undefined && countLines(bytes, maxRows + 1) > maxRows + 1) {
          refused = `meer dan ${maxRows} regels`;
          break;
        }
        rows = parseUpload('lokaal', bytes, 'bench.csv', options, lookup).rowCount;
        break;
      }
      case 'stroom': {
        const source = fileSource(file);
        const counted = {
          ...source,
          open: async function* () {
            for await (const chunk of source.open()) {
              bytesRead += (chunk as Buffer).length;
              yield chunk as Buffer;
            }
          },
        };
        const parsed = await parseUploadStream(
          'lokaal',
          counted,
          'bench.csv',
          options,
          lookup,
          undefined,
          {
            ...(maxRows !== undefined ? { maxRows } : {}),
          },
        );
        rows = parsed.rowCount;
        break;
      }
      case 'geheel-lezen': {
        const bytes = fs.readFileSync(file);
        bytesRead = bytes.length;
        readCsv(
          { bytes, fileName: 'bench.csv' },
          { minColumns: 4 },
          new ProblemList('bench.csv'),
          counter,
        );
        break;
      }
      case 'stroom-lezen': {
        const reader = new CsvStreamReader(
          'bench.csv',
          { minColumns: 4 },
          new ProblemList('bench.csv'),
          counter,
        );
        for await (const chunk of fs.createReadStream(file, {
          highWaterMark: UPLOAD_CHUNK_BYTES,
        })) {
          bytesRead += (chunk as Buffer).length;
          reader.write(chunk as Buffer);
        }
        reader.end();
        break;
      }
      default:
        throw new Error(`onbekende manier: ${way}`);
    }
  } catch (error) {
    if (!(error instanceof ImportValidationError)) throw error;
    refused = error.problems[0]?.message ?? 'geweigerd';
  }
  sample();
  const ms = performance.now() - began;
  console.log(
    JSON.stringify({
      way,
      ms,
      rows,
      bytesRead,
      refused,
      startRssMb: start.rss / MB,
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      startHeapMb: (start.heapUsed + start.external) / MB,
      peakHeapMb: peakHeap / MB,
    }),
  );
}

await main();
