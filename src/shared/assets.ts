import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { CompressedBody } from './compressed-body.ts';
import { neededProperties, subsetCss, usedClasses } from './css-subset.ts';

/** The NL Design System CSS, from node_modules: 600 KB together, 52 KB with gzip. */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'design-tokens.css': 'node_modules/@utrecht/design-tokens/dist/index.css',
  'component-library.css': 'node_modules/@utrecht/component-library-css/dist/index.css',
};

/** Folders under assets/ whose files get a fingerprinted address. */
const OWN_FOLDERS = ['css', 'js', 'img'];

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  /** The address pages link to: /assets/v/<fingerprint>/<path>. */
  readonly url: string;
  readonly fingerprint: string;
  readonly type: string;
  readonly body: CompressedBody;
}

/**
 * Every static file a page links to, under an address that carries a fingerprint of its content
 * (`/assets/v/3q2+7w/css/wijkkompas.css`). A release that changes a file changes its address, so
 * the file can be cached for a year as immutable; an old address answers 404. Files are read
 * and compressed once; they are part of the release and do not change while the process runs.
 */
export class AssetManifest {
  private readonly byPath = new Map<string, Asset>();

  constructor(files: Iterable<[logicalPath: string, content: Buffer]>) {
    for (const [logical, content] of files) {
      const fingerprint = createHash('sha256').update(content).digest('base64url').slice(0, 12);
      this.byPath.set(logical, {
        url: `/assets/v/${fingerprint}/${logical}`,
        fingerprint,
        type: TYPES[path.extname(logical)] ?? 'application/octet-stream',
        body: new CompressedBody(content).compressNow(),
      });
    }
  }

  /**
   * Reads assets/{css,js,img} and the vendor CSS from disk. Of the vendor CSS only what our code
   * can use is kept (css-subset.ts): the component rules whose classes appear in src/ or
   * assets/, and the design tokens those rules and our own CSS refer to.
   */
  static fromDisk(root: string = projectRoot): AssetManifest {
    const files: [string, Buffer][] = [];
    for (const folder of OWN_FOLDERS) {
      const dir = path.join(root, 'assets', folder);
      for (const name of fs.readdirSync(dir).sort()) {
        if (TYPES[path.extname(name)] === undefined) continue;
        files.push([`${folder}/${name}`, fs.readFileSync(path.join(dir, name))]);
      }
    }
    const ours = [
      ...sourceTexts(path.join(root, 'src')),
      ...files.filter(([p]) => !p.startsWith('img/')).map(([, b]) => b.toString('utf8')),
    ];
    const vendor = vendorSubset(root, ours);
    for (const [name, css] of Object.entries(vendor))
      files.push([`vendor/${name}`, Buffer.from(css, 'utf8')]);
    return new AssetManifest(files);
  }

  /** The fingerprinted address of a file (e.g. "css/wijkkompas.css"); throws for an unknown one. */
  url(logicalPath: string): string {
    return this.lookupPath(logicalPath).url;
  }

  /** The asset at a fingerprinted address, or null when the path or the fingerprint is not current. */
  lookup(fingerprint: string, logicalPath: string): Asset | null {
    const asset = this.byPath.get(logicalPath);
    return asset && asset.fingerprint === fingerprint ? asset : null;
  }

  /** The asset of a file by its path (e.g. "css/wijkkompas.css"); throws for an unknown one. */
  lookupPath(logicalPath: string): Asset {
    const asset = this.byPath.get(logicalPath);
    if (!asset) throw new Error(`Onbekend bestand in assets: ${logicalPath}`);
    return asset;
  }

  get size(): number {
    return this.byPath.size;
  }
}

/** The text of every non-test .ts/.tsx file under a folder (where class names are written). */
function sourceTexts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name))
      continue;
    out.push(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

/** The vendor CSS cut down to what `ours` (source and own assets) can use. */
export function vendorSubset(root: string, ours: readonly string[]): Record<string, string> {
  const read = (name: string) => fs.readFileSync(path.join(root, VENDOR_FILES[name]!), 'utf8');
  const used = usedClasses(ours, 'utrecht-');
  const components = subsetCss(read('component-library.css'), 'utrecht-', used);
  const tokens = read('design-tokens.css');
  const properties = neededProperties(tokens, [components, ...ours]);
  return {
    'design-tokens.css': subsetCss(tokens, 'utrecht-', used, { properties }),
    'component-library.css': components,
  };
}

let shipped: AssetManifest | undefined;

/**
 * The manifest of the files in this release, read on first use. A process-wide value on
 * purpose: it depends only on files of the release, never on data, so it needs no invalidation.
 */
export function shippedAssets(): AssetManifest {
  shipped ??= AssetManifest.fromDisk();
  return shipped;
}

/** The fingerprinted address of a shipped file, for links in pages. */
export function assetUrl(logicalPath: string): string {
  return shippedAssets().url(logicalPath);
}
