/** Formatting of sizes (stored in MB), changes, percentages, dates and durations for display. */

const UNITS = [['TB', 1024 * 1024], ['GB', 1024], ['MB', 1]];
const numberFormats = new Map();

function number(value, digits) {
  if (!numberFormats.has(digits)) {
    numberFormats.set(digits, new Intl.NumberFormat('en-US',
      { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return numberFormats.get(digits).format(value);
}

function missing(value) {
  return value === null || value === undefined || value === '' || Number.isNaN(Number(value));
}

/** The largest unit in which {@code mb} is at least 1: ["GB", 1024] for 2048. */
export function sizeUnit(mb) {
  return UNITS.find(([, size]) => Math.abs(mb) >= size) ?? UNITS[UNITS.length - 1];
}

/** A size given in MB, in the largest fitting unit: "850 MB", "40.46 MB", "1.52 GB", "3.10 TB". */
export function formatSize(mb, digits = 2) {
  if (missing(mb)) {
    return '—';
  }
  const value = Number(mb);
  const [unit, factor] = sizeUnit(value);
  // whole megabytes are shown exactly; other values keep a fixed number of decimals so columns line up
  return `${number(value / factor, unit === 'MB' && Number.isInteger(value) ? 0 : digits)} ${unit}`;
}

/** A number with up to {@code digits} decimals: "12.5", "3". */
export function formatNumber(value, digits = 2) {
  const key = `max${digits}`;
  if (!numberFormats.has(key)) {
    numberFormats.set(key, new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }));
  }
  return numberFormats.get(key).format(value);
}

/** A size change given in MB, signed: "+120 MB", "−1.20 GB", "0 MB". */
export function formatSizeChange(mb) {
  if (missing(mb)) {
    return '—';
  }
  const value = Number(mb);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return sign + formatSize(Math.abs(value));
}

/** A percentage, signed: "+4.35 %", "−0.50 %", "0.00 %". */
export function formatPercent(percent) {
  if (missing(percent)) {
    return '—';
  }
  const value = Number(percent);
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${number(Math.abs(value), 2)} %`;
}

/** A plain count: "1,234". */
export function formatCount(value) {
  return missing(value) ? '—' : number(Number(value), 0);
}

/** A period: its day for daily periods, else "first – last day". */
export function formatPeriod(type, start, end) {
  if (!start) {
    return '—';
  }
  return type === 'daily' || !end || start === end ? start : `${start} – ${end}`;
}

/** A point in time in the browser's zone: "2026-11-23 14:05". */
export function formatDateTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The time between two instants: "850 ms", "12 s", "3 min 5 s", "2 h 10 min"; "—" while unknown. */
export function formatDuration(fromIso, toIso) {
  if (!fromIso || !toIso) {
    return '—';
  }
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (Number.isNaN(ms) || ms < 0) {
    return '—';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Period type names as the UI shows them. */
export const PERIOD_TYPES = [
  ['daily', 'Daily'], ['weekly', 'Weekly'], ['monthly', 'Monthly'], ['quarterly', 'Quarterly'],
];

/** DBMS types as the UI shows them. */
export const DB_TYPES = [
  ['mysql', 'MySQL'], ['postgresql', 'PostgreSQL'], ['sqlserver', 'SQL Server'], ['oracle', 'Oracle'],
];

/** The display name of a DBMS type. */
export function dbTypeLabel(type) {
  return DB_TYPES.find(([code]) => code === type)?.[1] ?? type ?? '—';
}
