import "@testing-library/jest-dom";
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
// App loads these views lazily (chunks of their own in the pane); required here up front so that a test's first
// wait for a view is not spent compiling it.
import "../../src/taskpane/Glance";
import "../../src/taskpane/PlanList";
import "../../src/taskpane/UpdateRepair";
import "../../src/taskpane/MyWork";

/** jsdom lacks ResizeObserver, which Fluent's MessageBar uses to reflow; a no-op stand-in is enough here. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in globalThis)) {
  Object.assign(globalThis, { ResizeObserver: NoResizeObserver });
}

/** Renders inside a FluentProvider, as the pane does, with a user-event session. */
export function renderPane(ui: ReactElement) {
  const user = userEvent.setup({ delay: null });
  const result = render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
  return { user, ...result };
}
