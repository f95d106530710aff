/**
 * Who did something, as a reader says it: audit entries, datasets and versions store an actor
 * string ("gebruiker:<id> Naam", or a fixed word for a change made by the system itself).
 */
const SYSTEM_ACTORS: Record<string, string> = {
  start: 'Wijkkompas zelf, bij de eerste start',
  seed: 'Wijkkompas zelf, bij de eerste start',
  cli: 'een beheerder met de opdrachtregel',
  import: 'een beheerder met de opdrachtregel',
};

export function actorLabel(actor: string): string {
  const user = /^gebruiker:\S+ (.+)$/.exec(actor);
  if (user) return user[1]!;
  return SYSTEM_ACTORS[actor] ?? actor;
}
