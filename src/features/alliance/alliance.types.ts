/** A focus area as the Alliance pages need it. */
export interface FocusAreaRef {
  slug: string;
  name: string;
  municipalityCode: string;
}
