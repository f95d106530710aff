/**
 * Runs unit test files (the arguments) in this one process, after the database guard: about six
 * times faster than a process per file, since most of a unit file's time is starting Node and
 * compiling TypeScript. A unit test therefore must not depend on state another file leaves in
 * the process (environment, module-level caches); scripts/run-tests.ts uses this for the unit
 * group, and every other group keeps a process per file.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { guardAgainstDatabases, guardAgainstInternet } from './unit-guard.ts';

const files = process.argv.slice(2);
guardAgainstDatabases(files.length === 1 ? files[0]! : `${files.length} unittestbestanden`);
guardAgainstInternet();
for (const file of files) await import(pathToFileURL(path.resolve(file)).href);
