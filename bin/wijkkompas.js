#!/usr/bin/env node
// The `wijkkompas` command: runs the TypeScript CLI through tsx, as `npm start` does the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
