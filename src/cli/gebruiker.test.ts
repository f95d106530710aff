import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { describeEachDialect } from '../../test/helpers/db.ts';
import { authenticate } from '../features/accounts/account.service.ts';
import { runGebruiker } from './gebruiker.ts';

const args = [
  'maak',
  '--email',
  'eerste@fixture.example',
  '--naam',
  'Eerste Beheerder',
  '--rol',
  'beheerder',
  '--gemeente',
  'GM0505',
];

function io(env: Record<string, string>, input = '') {
  return { env, stdin: Readable.from([input]), prompt: () => undefined };
}

describeEachDialect('wijkkompas gebruiker maak', (getDb) => {
  it('makes an administrator with the password from standard input', async () => {
    const { db } = getDb();
    const out = await runGebruiker(db, args, io({}, 'fixture-wachtwoord-stdin\nrest'));
    assert.match(
      out,
      /Account gemaakt voor Eerste Beheerder <eerste@fixture.example>: beheerder in GM0505/,
    );
    const user = await authenticate(db, 'eerste@fixture.example', 'fixture-wachtwoord-stdin');
    assert.deepEqual(user?.grants, [{ role: 'beheerder', municipalityCode: 'GM0505' }]);
  });

  it('takes the password from WIJKKOMPAS_WACHTWOORD, never from an option', async () => {
    const { db } = getDb();
    await assert.rejects(
      runGebruiker(db, [...args, '--wachtwoord', 'geheim-in-argv'], io({})),
      /niet als optie/,
    );
    await runGebruiker(db, args, io({ WIJKKOMPAS_WACHTWOORD: 'fixture-wachtwoord-env' }));
    assert.ok(await authenticate(db, 'eerste@fixture.example', 'fixture-wachtwoord-env'));
  });

  it('names what is wrong with a role or municipality code', async () => {
    const { db } = getDb();
    const env = { WIJKKOMPAS_WACHTWOORD: 'fixture-wachtwoord-env' };
    await assert.rejects(
      runGebruiker(
        db,
        args.map((a) => (a === 'beheerder' ? 'baas' : a)),
        io(env),
      ),
      /Onbekende rol "baas"/,
    );
    await assert.rejects(
      runGebruiker(
        db,
        args.map((a) => (a === 'GM0505' ? '0505' : a)),
        io(env),
      ),
      /GM met vier cijfers/,
    );
    await assert.rejects(runGebruiker(db, args, io({}, 'kort\n')), /minstens 12 tekens/);
  });
});

describeEachDialect('wijkkompas gebruiker maak: the national role', (getDb) => {
  const national = [
    'maak',
    '--email',
    'bzk@fixture.example',
    '--naam',
    'Landelijk Programma',
    '--rol',
    'landelijk_beheerder',
    '--gemeente',
    'NL00',
  ];
  const env = { WIJKKOMPAS_WACHTWOORD: 'fixture-wachtwoord-env' };

  it('makes a landelijk beheerder with a grant for NL00', async () => {
    const { db } = getDb();
    const out = await runGebruiker(db, national, io(env));
    assert.match(out, /landelijk_beheerder in NL00/);
    const user = await authenticate(db, 'bzk@fixture.example', 'fixture-wachtwoord-env');
    assert.deepEqual(user?.grants, [{ role: 'landelijk_beheerder', municipalityCode: 'NL00' }]);
  });

  it('refuses the national role in a municipality and a municipal role in NL00', async () => {
    const { db } = getDb();
    await assert.rejects(
      runGebruiker(
        db,
        national.map((a) => (a === 'NL00' ? 'GM0505' : a)),
        io(env),
      ),
      /geldt voor heel Nederland: gebruik NL00/,
    );
    await assert.rejects(
      runGebruiker(
        db,
        national.map((a) => (a === 'landelijk_beheerder' ? 'beheerder' : a)),
        io(env),
      ),
      /hoort bij een gemeente \(GMxxxx\), niet bij NL00/,
    );
  });
});
