// Reading the app's stored local times ('YYYY-MM-DDTHH:MM:SS') for display.

export function parseStamp(stamp) {
  const [date, time] = stamp.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi, s || 0);
}

/** "09:05" */
export function clockTime(stamp) {
  return stamp.slice(11, 16);
}

/** Whole minutes from the stamp until now. */
export function minutesSince(stamp, now = new Date()) {
  return Math.max(0, Math.floor((now - parseStamp(stamp)) / 60000));
}

export function formatMinutes(minutes) {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const pad = (n) => String(n).padStart(2, '0');

/** A local date as YYYY-MM-DD. */
export function isoDate(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local date a field holds as YYYY-MM-DD (a real day), or null. */
export function parseIsoDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** Today's date as YYYY-MM-DD and the current time as HH:MM, in local time. */
export function today(now = new Date()) {
  return isoDate(now);
}

export function nowTime(now = new Date()) {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
