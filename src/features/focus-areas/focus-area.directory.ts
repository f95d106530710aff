/** A focus area as the workspace features name it: slug, name and its municipality. */
export interface FocusAreaRef {
  slug: string;
  name: string;
  municipalityCode: string;
  municipalityName: string;
}

/** The columns of a focus-area row the reference is made from. */
export interface FocusAreaRow {
  slug: string;
  name: string;
  municipality_code: string;
  municipality_name: string;
}

/** Looks focus areas up by slug or municipality; what participation, coding, contours, synthesis and feedback receive. */
export interface FocusAreaDirectory {
  ofMunicipality(code: string): Promise<FocusAreaRef[]>;
  find(slug: string): Promise<FocusAreaRef | null>;
}

export function focusAreaRef(a: FocusAreaRow): FocusAreaRef {
  return {
    slug: a.slug,
    name: a.name,
    municipalityCode: a.municipality_code,
    municipalityName: a.municipality_name,
  };
}

/**
 * One adapter from the list of focus areas (the monitor's cached list) to the lookups the
 * workspace features need, so each feature gets the same answer for the same slug.
 */
export function focusAreaDirectory(
  list: () => Promise<readonly FocusAreaRow[]>,
): FocusAreaDirectory {
  return {
    ofMunicipality: async (code) =>
      (await list()).filter((a) => a.municipality_code === code).map(focusAreaRef),
    find: async (slug) => {
      const area = (await list()).find((a) => a.slug === slug);
      return area ? focusAreaRef(area) : null;
    },
  };
}
