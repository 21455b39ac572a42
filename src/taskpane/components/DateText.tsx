// Made when first needed: a page's first Intl formatter costs 30-100 ms, which the pane's start must not pay.
let readableDateFormat: Intl.DateTimeFormat | undefined;

/** Dates as an account executive reads them ("Nov 6, 2026"), in the reader's language, never shifted by a zone. */
export function readableDate(iso: string): string {
  readableDateFormat ??= new Intl.DateTimeFormat(undefined, {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  return readableDateFormat.format(new Date(`${iso}T00:00:00Z`));
}

let inputDateFormat: Intl.DateTimeFormat | undefined;

/**
 * A date the way a date field shows it to this reader ("01/15/2027" in US English): in the form's messages, so a
 * message names dates as the field beside it does.
 */
export function inputDate(iso: string): string {
  inputDateFormat ??= new Intl.DateTimeFormat(undefined, {
    month: "2-digit",
    day: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  });
  return inputDateFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** Whole days from one ISO date to another (negative when `to` comes first); both are UTC midnights. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A calendar date for people, with the ISO date kept machine-readable in `dateTime`. */
export function DateText({ iso, missing }: { iso: string | null; missing: string }) {
  return iso ? <time dateTime={iso}>{readableDate(iso)}</time> : <>{missing}</>;
}
