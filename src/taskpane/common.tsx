import type { ReactNode } from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  type ButtonProps,
  type MessageBarIntent,
} from "@fluentui/react-components";

interface NoticeProps {
  intent: MessageBarIntent;
  title?: string;
  children: ReactNode;
}

/**
 * A status message read out by screen readers. MessageBar announces when it mounts, so callers key it by its
 * text to have a new message announced again.
 */
export function Notice({ intent, title, children }: NoticeProps) {
  return (
    <MessageBar intent={intent} layout="multiline" politeness={intent === "error" ? "assertive" : "polite"}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

type BusyButtonProps = ButtonProps & { busy: boolean };

/** A button that shows a spinner and cannot be pressed again while its action runs. */
export function BusyButton({ busy, disabled, icon, children, ...props }: BusyButtonProps) {
  return (
    <Button
      {...props}
      disabled={busy || disabled}
      aria-busy={busy || undefined}
      icon={busy ? <Spinner size="tiny" aria-hidden /> : icon}
    >
      {children}
    </Button>
  );
}

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

/** A calendar date for people, with the ISO date kept machine-readable in `dateTime`. */
export function DateText({ iso, missing }: { iso: string | null; missing: string }) {
  return iso ? <time dateTime={iso}>{readableDate(iso)}</time> : <>{missing}</>;
}
