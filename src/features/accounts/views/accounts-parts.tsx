const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

export function formatDate(value: Date | string): string {
  return dateFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** Whether the reset link also went out by mail. */
export type ResetMailOutcome = 'verstuurd' | 'mislukt' | 'niet-ingesteld';
