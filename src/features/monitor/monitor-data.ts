import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  listAreas,
  listAreasWithGeometry,
  listIndelingYears,
  type Area,
  type AreaKind,
} from '../areas/index.ts';
import { listMemberCodes, listFocusAreas, type FocusAreaSummary } from '../focus-areas/index.ts';
import {
  indicatorAvailability,
  type IndicatorAvailability,
  type Catalogue,
} from '../indicators/index.ts';
import { SnapshotSource } from '../aggregation/index.ts';
import { changeMarker, readDataVersionParts } from './page-cache/data-version.ts';
import type { SurveyEstimateProvider } from './survey-estimates.ts';

export const NETHERLANDS = 'NL00';

/** How many municipalities' snapshots stay in memory (each is the data of one municipality). */
const MAX_SNAPSHOTS = 8;
/** Rendered pages kept per data version; old versions are dropped whole. */
const MAX_RENDERED = 2000;
/** Database reads kept per data version (areas, selections, availability). */
const MAX_READS = 2000;

/**
 * The monitor's read side: the current data version, an in-memory snapshot of one
 * municipality's observations per version, and a cache of rendered output keyed on the version.
 * A change anywhere (import, withdrawal, new focus-area version, target) gives a new version,
 * which empties every cache; nothing is ever served from before a change.
 */
export class MonitorData {
  private version: string | undefined;
  private readonly snapshots = new Map<string, Promise<SnapshotSource>>();
  private readonly rendered = new Map<string, Promise<unknown>>();
  private readonly reads = new Map<string, Promise<unknown>>();
  private catalogueCache: Promise<Catalogue> | undefined;
  /** The catalogue as shown for the current data version (see `shown`). */
  private shownCatalogue: Promise<Catalogue> | undefined;
  /** The catalogue part of the version the cached catalogue belongs to. */
  private catalogueKey: string | undefined;
  private readonly marker: (() => string) | undefined;
  /** The change marker at the last full version read. */
  private lastMark: string | undefined;
  /** Hits and misses of the page and read caches since start, for /metrics. */
  readonly cacheStats = { hits: 0, misses: 0 };

  /**
   * Weighted survey results for survey-based indicators, the weighting kept per data version in
   * this object's read cache; absent: they show as not loaded.
   */
  readonly surveyEstimates: SurveyEstimateProvider | undefined;

  constructor(
    readonly db: Kysely<Database>,
    private readonly catalogueOf: () => Promise<Catalogue>,
    surveyEstimates?: SurveyEstimateProvider,
    /**
     * What the loaded data adds to the catalogue as shown, such as a local source that replaces
     * CBS figures (issue 11.10, ADR 0017); applied once per data version, on the cached catalogue.
     */
    private readonly shown?: (catalogue: Catalogue) => Promise<Catalogue>,
  ) {
    this.marker = changeMarker(db);
    this.surveyEstimates = surveyEstimates
      ? (measure, selection) =>
          surveyEstimates(measure, selection, (key, make) => this.read(key, make))
      : undefined;
  }

  /**
   * The active catalogue, read once per catalogue version: an import moves the data version but
   * not the catalogue, so the catalogue is not parsed and validated again after every import.
   */
  catalogue(): Promise<Catalogue> {
    if (!this.catalogueCache) {
      const loading = this.catalogueOf();
      loading.catch(() => (this.catalogueCache = undefined));
      this.catalogueCache = loading;
      this.shownCatalogue = undefined;
    }
    if (!this.shown) return this.catalogueCache;
    if (!this.shownCatalogue) {
      const shown = this.shown;
      const showing = this.catalogueCache.then((c) => shown(c));
      showing.catch(() => (this.shownCatalogue = undefined));
      this.shownCatalogue = showing;
    }
    return this.shownCatalogue;
  }

  /**
   * The current data version; clears the caches when it moved. On SQLite a change marker is read
   * first and the full version only when the marker moved (see changeMarker).
   */
  async dataVersion(): Promise<string> {
    const mark = this.marker?.();
    if (mark !== undefined && mark === this.lastMark && this.version !== undefined) {
      return this.version;
    }
    const { version: now, catalogue } = await readDataVersionParts(this.db);
    // Read before the full version: a write in between moves the marker again, so it is seen.
    this.lastMark = mark;
    if (now !== this.version) {
      this.version = now;
      this.snapshots.clear();
      this.reads.clear();
      this.rendered.clear();
      // The sources shown follow the loaded data: a local file names itself (issue 11.10).
      this.shownCatalogue = undefined;
    }
    if (catalogue !== this.catalogueKey) {
      this.catalogueKey = catalogue;
      this.catalogueCache = undefined;
      this.shownCatalogue = undefined;
    }
    return now;
  }

  /**
   * The version this request already read, or a fresh read when none was: for the second and
   * later reads within one request (the route read it first), so one request checks once.
   */
  knownVersion(): Promise<string> {
    return this.version === undefined ? this.dataVersion() : Promise.resolve(this.version);
  }

  /**
   * Per indicator: loaded or not, over every active dataset. Read once per data version: the
   * query scans the distinct (variable, period, indeling year) of all observations, which at
   * national size is far too much for every page.
   */
  availability(): Promise<IndicatorAvailability[]> {
    return this.read('beschikbaarheid', async () =>
      indicatorAvailability(this.db, await this.catalogue()),
    );
  }

  /** Areas of one indeling year (optionally one municipality and kind), once per data version. */
  areas(filter: {
    indelingYear: number;
    municipalityCode?: string;
    kind?: AreaKind;
  }): Promise<readonly Omit<Area, 'geometry'>[]> {
    const key = `gebieden\u0000${filter.indelingYear}\u0000${filter.municipalityCode ?? ''}\u0000${filter.kind ?? ''}`;
    return this.read(key, () => listAreas(this.db, filter));
  }

  /** As areas(), with each area's stored outline, once per data version. */
  areasWithGeometry(filter: {
    indelingYear: number;
    municipalityCode: string;
    kind: AreaKind;
  }): Promise<readonly Area[]> {
    const key = `gebieden-met-kaart\u0000${filter.indelingYear}\u0000${filter.municipalityCode}\u0000${filter.kind}`;
    return this.read(key, () => listAreasWithGeometry(this.db, filter));
  }

  /** The focus areas with their newest delineation, once per data version. */
  focusAreas(): Promise<readonly FocusAreaSummary[]> {
    return this.read('focusgebieden', () => listFocusAreas(this.db));
  }

  /** The indeling years that have areas, newest first, once per data version. */
  indelingYears(): Promise<readonly number[]> {
    return this.read('indelingsjaren', async () =>
      (await listIndelingYears(this.db)).sort((a, b) => b - a),
    );
  }

  /** All observations of a municipality's areas (every indeling year) and of the Netherlands. */
  snapshot(municipalityCode: string): Promise<SnapshotSource> {
    const cached = this.snapshots.get(municipalityCode);
    if (cached) {
      // Most recently used last, so the oldest is dropped first.
      this.snapshots.delete(municipalityCode);
      this.snapshots.set(municipalityCode, cached);
      return cached;
    }
    const loading = this.loadSnapshot(municipalityCode);
    loading.catch(() => this.snapshots.delete(municipalityCode));
    this.snapshots.set(municipalityCode, loading);
    if (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    return loading;
  }

  /**
   * The observations of every focus area's members and municipalities and of the Netherlands:
   * what the NPLV average and the national overview read, in one snapshot per data version.
   */
  nplvSnapshot(): Promise<SnapshotSource> {
    return this.read('nplv-snapshot', async () => {
      const codes = new Set<string>([NETHERLANDS]);
      for (const area of await this.focusAreas()) {
        codes.add(area.municipality_code);
        for (const code of await this.read(`leden\u0000${area.slug}`, () =>
          listMemberCodes(this.db, area.slug),
        ))
          codes.add(code);
      }
      return SnapshotSource.load(this.db, [...codes]);
    });
  }

  private async loadSnapshot(municipalityCode: string): Promise<SnapshotSource> {
    const codes = new Set<string>([NETHERLANDS, municipalityCode]);
    for (const indelingYear of await this.indelingYears()) {
      for (const area of await this.areas({ indelingYear, municipalityCode })) codes.add(area.code);
    }
    return SnapshotSource.load(this.db, [...codes]);
  }

  /**
   * Output for `key` under the current version (call dataVersion() first): rendered pages, tables
   * and page data. Two requests for the same key share one build.
   */
  cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.remember(this.rendered, MAX_RENDERED, key, make);
  }

  /**
   * A read of the database (areas, selections, availability) under the current version: what
   * pages are built from, kept apart from the pages so many pages cannot push it out.
   */
  read<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.remember(this.reads, MAX_READS, key, make);
  }

  private async remember<T>(
    map: Map<string, Promise<unknown>>,
    max: number,
    key: string,
    make: () => Promise<T>,
  ): Promise<T> {
    const version = this.version ?? (await this.dataVersion());
    const full = `${version}\u0000${key}`;
    const hit = map.get(full) as Promise<T> | undefined;
    if (hit) {
      this.cacheStats.hits++;
      return hit;
    }
    this.cacheStats.misses++;
    const building = make();
    if (this.version === version) {
      if (map.size >= max) map.clear();
      map.set(full, building);
      // A failed build is not kept: the next request tries again (and gets its own error).
      building.catch(() => {
        if (map.get(full) === building) map.delete(full);
      });
    }
    return building;
  }
}
