/** The importers and readers other features (the data workspace, haal-op) use. */
export { parseDataProperties, variableStem } from './cbs-metadata.ts';
export type { DataProperty } from './cbs-metadata.ts';
export { tooManyRowsMessage } from './csv-reader.ts';
export { parseGemeenteKengetallen } from './gemeente-kengetallen.importer.ts';
export {
  areaLookupFrom,
  commitImport,
  fingerprintOf,
  importProvenance,
  loadAreaLookup,
  loadAreaLookupData,
  normaliseName,
  sha256,
} from './import.service.ts';
export type { AreaLookupData } from './import.service.ts';
export type {
  AreaLookup,
  ImportInput,
  ImportOutcome,
  ParsedImport,
  ParsedObservation,
  ProgressReporter,
} from './import.types.ts';
export { localSourceNote } from './local-sources.ts';
export {
  KIND_NEEDS,
  PDOK_LEVELS,
  UPLOAD_KINDS,
  UPLOAD_KIND_LABELS,
  bytesSource,
  fileSource,
  isUploadKind,
  parseUploadStream,
} from './parse-upload.ts';
export type { UploadKind, UploadOptions, UploadSource } from './parse-upload.ts';
export { parsePdokGeojson } from './pdok-geojson.importer.ts';
export { largeChange } from './plausibility.ts';
export { parsePolitie47018Csv } from './politie-47018.importer.ts';
export { parsePolitieNlSeries } from './politie-nl-series.importer.ts';
export { hasPostcodeTable } from './postcode-buurt.repository.ts';
export { placeOfPostcode } from './postcode-buurt.service.ts';
export { parseStatlineCsv } from './statline-csv.importer.ts';
