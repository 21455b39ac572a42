import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
});

function PaneFailure() {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Something went wrong in the Service Plan pane.</MessageBarTitle>
          Your workbook is not affected. Reload the pane to continue.
        </MessageBarBody>
      </MessageBar>
      <Button appearance="primary" onClick={() => window.location.reload()}>
        Reload the pane
      </Button>
    </main>
  );
}

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
}

/** Last line of defence: a rendering bug shows a message and a way out instead of a blank pane. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the browser console for support; the user sees words only.
    console.error("Client Service Plan pane failed", error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <PaneFailure /> : this.props.children;
  }
}
