import type { ReactNode } from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, type MessageBarIntent } from "@fluentui/react-components";

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

/** An error Notice, or nothing while there is no error. */
export function ErrorNotice({ error, title }: { error: string | null | undefined; title?: string }) {
  return error ? (
    <Notice key={error} intent="error" title={title}>
      {error}
    </Notice>
  ) : null;
}
