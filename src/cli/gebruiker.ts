/**
 * `wijkkompas gebruiker maak`: the first administrator (and any later account) from the command
 * line. The password never comes from argv (it would sit in shell history and `ps`): it is read
 * from WIJKKOMPAS_WACHTWOORD or from the first line of standard input.
 */
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { createUser, municipalityCodeSchema } from '../features/accounts/account.service.ts';
import {
  NATIONAL_CODE,
  ROLES,
  grantProblem,
  isRole,
  type Grant,
} from '../features/accounts/permissions.ts';
import { BadRequestError } from '../shared/errors.ts';

export const GEBRUIKER_HELP = `  gebruiker maak --email ADRES --naam "NAAM" --rol ROL --gemeente GM0505 [--rol ROL …]
                                  account maken; wachtwoord uit WIJKKOMPAS_WACHTWOORD of de eerste regel van invoer
                                  rollen: ${ROLES.join(', ')}
                                  landelijk_beheerder (het landelijk programma) krijgt --gemeente ${NATIONAL_CODE}`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where a prompt goes (standard error, so standard output stays clean). */
  prompt(text: string): void;
}

/** The first line of a stream, without its line ending. */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.WIJKKOMPAS_WACHTWOORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (io.stdin.isTTY) io.prompt('Wachtwoord (minstens 12 tekens), dan Enter: ');
  return readFirstLine(io.stdin);
}

/** Runs `gebruiker <sub> …`; returns the line to print. */
export async function runGebruiker(
  db: Kysely<Database>,
  args: string[],
  io: CliIo,
): Promise<string> {
  const [sub, ...rest] = args;
  if (sub !== 'maak') {
    throw new BadRequestError(
      `Onbekende opdracht "gebruiker ${sub ?? ''}". Gebruik:\n${GEBRUIKER_HELP}`,
    );
  }
  if (
    rest.some((a) => a === '--wachtwoord' || a.startsWith('--wachtwoord=') || a === '--password')
  ) {
    throw new BadRequestError(
      'Geef het wachtwoord niet als optie: anderen kunnen het dan zien. Gebruik WIJKKOMPAS_WACHTWOORD of typ het in na het starten.',
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        naam: { type: 'string' },
        rol: { type: 'string', multiple: true },
        gemeente: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BadRequestError(`${(error as Error).message}\n${GEBRUIKER_HELP}`);
  }
  if (!values.email) throw new BadRequestError('Optie --email ontbreekt.');
  if (!values.naam) throw new BadRequestError('Optie --naam ontbreekt.');
  if (!values.gemeente) throw new BadRequestError('Optie --gemeente ontbreekt.');
  const municipality =
    values.gemeente === NATIONAL_CODE
      ? { success: true as const, data: NATIONAL_CODE }
      : municipalityCodeSchema.safeParse(values.gemeente);
  if (!municipality.success) {
    throw new BadRequestError(municipality.error.issues[0]?.message ?? 'Ongeldige gemeentecode.');
  }
  const roles = values.rol ?? [];
  if (roles.length === 0)
    throw new BadRequestError(`Optie --rol ontbreekt. Kies uit: ${ROLES.join(', ')}.`);
  const grants: Grant[] = roles.map((role) => {
    if (!isRole(role)) {
      throw new BadRequestError(`Onbekende rol "${role}". Kies uit: ${ROLES.join(', ')}.`);
    }
    const grant: Grant = { role, municipalityCode: municipality.data };
    const problem = grantProblem(grant);
    if (problem) throw new BadRequestError(problem);
    return grant;
  });
  const password = await readPassword(io);
  const user = await createUser(
    db,
    { email: values.email, name: values.naam, password, grants },
    'cli',
  );
  return `Account gemaakt voor ${user.name} <${user.email}>: ${roles.join(', ')} in ${municipality.data}.`;
}
