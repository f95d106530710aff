import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { listAudit } from '../audit/audit.repository.ts';
import {
  RESET_LINK_TTL_MS,
  authenticate,
  completeReset,
  createResetToken,
  createUser,
  deactivate,
  resetTokenUsable,
} from './account.service.ts';

const password = 'fixture-wachtwoord-lang';

describeEachDialect('account service', (getDb) => {
  it('authenticates with the right password only, and never a deactivated account', async () => {
    const { db } = getDb();
    const admin = await createUser(
      db,
      {
        email: 'a@fixture.example',
        name: 'A',
        password,
        grants: [{ role: 'beheerder', municipalityCode: 'GM0505' }],
      },
      'test',
    );
    const user = await createUser(
      db,
      {
        email: 'b@fixture.example',
        name: 'B',
        password,
        grants: [{ role: 'onderzoeker', municipalityCode: 'GM0505' }],
      },
      'test',
    );
    assert.equal((await authenticate(db, 'B@fixture.example', password))?.id, user.id);
    assert.equal(await authenticate(db, 'b@fixture.example', 'fout-wachtwoord-123'), undefined);
    assert.equal(await authenticate(db, 'onbekend@fixture.example', password), undefined);
    await deactivate(db, user.id, 'GM0505', admin);
    assert.equal(await authenticate(db, 'b@fixture.example', password), undefined);
    const log = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.deepEqual(
      log.map((r) => r.action),
      ['gebruiker.uitgezet', 'gebruiker.aangemaakt', 'gebruiker.aangemaakt'],
    );
    assert.ok(
      log.every((r) => !(r.after ?? '').includes('argon2')),
      'no password hash in the audit log',
    );
  });

  it('refuses a duplicate e-mail, a short password and an unknown municipality user', async () => {
    const { db } = getDb();
    const grants = [{ role: 'interviewer' as const, municipalityCode: 'GM0505' }];
    await createUser(db, { email: 'c@fixture.example', name: 'C', password, grants }, 'test');
    await assert.rejects(
      createUser(db, { email: 'C@fixture.example', name: 'C2', password, grants }, 'test'),
      /al een account/,
    );
    await assert.rejects(
      createUser(db, { email: 'd@fixture.example', name: 'D', password: 'kort', grants }, 'test'),
      /minstens 12 tekens/,
    );
    const c = await authenticate(db, 'c@fixture.example', password);
    assert.ok(c);
    await assert.rejects(
      createResetToken(db, c.id, 'GM0014', 'test'),
      /bestaat niet in deze gemeente/,
    );
  });

  it('uses a reset link once, and not after it expired', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      {
        email: 'e@fixture.example',
        name: 'E',
        password,
        grants: [{ role: 'invoerder', municipalityCode: 'GM0505' }],
      },
      'test',
    );
    const now = Date.now();
    const { token } = await createResetToken(db, user.id, 'GM0505', 'test', now);
    assert.equal(await resetTokenUsable(db, token, now), true);
    await completeReset(db, token, 'tweede-wachtwoord-lang', now + 1000);
    assert.equal(await resetTokenUsable(db, token, now + 2000), false);
    await assert.rejects(
      completeReset(db, token, 'derde-wachtwoord-lang', now + 3000),
      /werkt niet/,
    );
    assert.ok(await authenticate(db, 'e@fixture.example', 'tweede-wachtwoord-lang'));

    const late = await createResetToken(db, user.id, 'GM0505', 'test', now);
    await assert.rejects(
      completeReset(db, late.token, 'vierde-wachtwoord-lang', now + RESET_LINK_TTL_MS + 1),
      /werkt niet/,
    );
    assert.ok(await authenticate(db, 'e@fixture.example', 'tweede-wachtwoord-lang'));
  });
});
