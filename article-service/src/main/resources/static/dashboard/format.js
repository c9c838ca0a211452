// Times are shown in the browser's zone; days that are UTC days in the APIs stay as written.
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function time(instant) {
  if (!instant) return '–';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : timeFormat.format(date);
}

export function timeElement(instant) {
  const element = document.createElement('time');
  element.dateTime = instant ?? '';
  element.textContent = time(instant);
  return element;
}

export function list(values) {
  return values && values.length ? values.join(', ') : '–';
}

/** A day of the API (yyyy-MM-dd, UTC) for a time given in seconds since the epoch. */
export function utcDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
