import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';

/** An uploaded file as received: written to disk while it arrives, never held in memory. */
export interface SpooledFile {
  fileName: string;
  path: string;
  size: number;
}

/**
 * Where uploads wait to be read: a private folder (mode 700) of this process under the system's
 * temp folder. Each file is written while it is received, read once by the upload reader, and
 * removed after that reading; the folder goes when the app closes.
 */
export class UploadSpool {
  private dir: Promise<string> | undefined;

  constructor(private readonly parent = os.tmpdir()) {}

  private folder(): Promise<string> {
    this.dir ??= fs.promises.mkdtemp(path.join(this.parent, 'wijkkompas-uploads-'));
    return this.dir;
  }

  /**
   * Writes one multipart file to disk in the chunks it arrives in. Over the multipart file-size
   * limit the part is cut off; that is the same 413 error as before (FST_REQ_FILE_TOO_LARGE),
   * and nothing is kept.
   */
  async receive(part: MultipartFile, tooLarge: () => Error): Promise<SpooledFile> {
    const file = path.join(await this.folder(), randomUUID());
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(part.file, counter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) throw tooLarge();
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      throw error;
    }
    return { fileName: part.filename, path: file, size };
  }

  /** Removes received files that will not be read. */
  async discard(files: Iterable<SpooledFile | undefined>): Promise<void> {
    for (const file of files) if (file) await fs.promises.rm(file.path, { force: true });
  }

  /** Removes the folder and whatever is still in it. */
  async close(): Promise<void> {
    if (this.dir) await fs.promises.rm(await this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
