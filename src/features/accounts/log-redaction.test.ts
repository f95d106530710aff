import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logSerializers } from './log-redaction.ts';

describe('request log lines', () => {
  it('leave out the client address of survey respondents, and keep it elsewhere', () => {
    for (const url of [
      '/enquete/bewonersenquete-dordt-west/stap/2',
      '/api/enquetes/x/antwoorden',
    ]) {
      const line = JSON.stringify(
        logSerializers.req({
          method: 'POST',
          url,
          ip: '203.0.113.5',
          socket: { remotePort: 4000 },
        }),
      );
      assert.doesNotMatch(line, /203\.0\.113\.5|4000/);
    }
    const other = logSerializers.req({
      method: 'GET',
      url: '/gebieden/dordt-west',
      ip: '203.0.113.5',
    });
    assert.equal(other.remoteAddress, '203.0.113.5');
  });

  it('hide the CSRF token that the upload form carries in its address', () => {
    const line = logSerializers.req({
      method: 'POST',
      url: '/werkruimte/GM0505/data/upload?_csrf=abc.def-123&x=1',
      ip: '203.0.113.5',
    });
    assert.equal(line.url, '/werkruimte/GM0505/data/upload?_csrf=[verborgen]&x=1');
  });
});
