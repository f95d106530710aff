/** One postcode's addresses in one buurt, per CBS indeling year (CBS "buurt, wijk en gemeente per postcode"). */
export interface PostcodeBuurtTable {
  indeling_year: number;
  /** Six positions, no space: `3314AB`. */
  postcode: string;
  buurt_code: string;
  wijk_code: string;
  gemeente_code: string;
  /** Addresses of this postcode in this buurt (1 when the file has no house numbers). */
  addresses: number;
  dataset_id: string;
}
