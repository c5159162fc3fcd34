/** The browser's IANA time zone, e.g. Europe/Lisbon; UTC when the runtime does not say. */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let cached: string[] | undefined;

/** Every zone the runtime knows, sorted, always including UTC. */
export function allTimeZones(): string[] {
  if (!cached) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    cached = [...new Set(['UTC', ...zones])].sort((a, b) => a.localeCompare(b));
  }
  return cached;
}

/** The list for a select, with any extra values (the current setting, the detected zone) kept in. */
export function timeZoneOptions(...include: string[]): string[] {
  const zones = allTimeZones();
  const missing = include.filter((zone) => zone && !zones.includes(zone));
  return missing.length === 0 ? zones : [...zones, ...missing].sort((a, b) => a.localeCompare(b));
}

const offsetCache = new Map<string, string>();

/** "GMT+1", "GMT-4:30", "GMT" for a zone right now. */
export function zoneOffset(zone: string): string {
  let offset = offsetCache.get(zone);
  if (offset === undefined) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        timeZoneName: 'shortOffset',
      }).formatToParts();
      // ICU versions differ on zero: some say "GMT", some "GMT+0".
      offset = (parts.find((part) => part.type === 'timeZoneName')?.value ?? '').replace(/^GMT\+0$/, 'GMT');
    } catch {
      offset = '';
    }
    offsetCache.set(zone, offset);
  }
  return offset;
}

/** "Europe/Lisbon" → "Europe / Lisbon (GMT+1)". */
export function zoneLabel(zone: string): string {
  const name = zone.replaceAll('_', ' ').replaceAll('/', ' / ');
  const offset = zoneOffset(zone);
  return offset ? `${name} (${offset})` : name;
}
