/** Dates as an account executive reads them ("Nov 6, 2026"), in the reader's language, never shifted by a zone. */
const READABLE_DATE = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

export function readableDate(iso: string): string {
  return READABLE_DATE.format(new Date(`${iso}T00:00:00Z`));
}

/** A calendar date for people, with the ISO date kept machine-readable in `dateTime`. */
export function DateText({ iso, missing }: { iso: string | null; missing: string }) {
  return iso ? <time dateTime={iso}>{readableDate(iso)}</time> : <>{missing}</>;
}
