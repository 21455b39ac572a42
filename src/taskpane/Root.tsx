import { Suspense, lazy, useEffect, useState } from "react";
import { AriaLiveAnnouncer, FluentProvider, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanService, WorkbookOverview } from "../service/types";
import type { App as AppView } from "./App";
import { ErrorBoundary } from "./ErrorBoundary";
import { loadApp, loadedApp } from "./loadApp";
import { OutsideExcel } from "./OutsideExcel";
import type { StartupOutcome } from "./startup";
import { fluentTheme, type ThemeName } from "./theme";

// The plan screens, a chunk of their own that loadApp asks for at start; rendered only inside Excel.
const LazyApp = lazy(() => loadApp().then((module) => ({ default: module.App })));

/** App as it is when this mounts: loaded already (index.tsx waits for it), or lazily. Kept, so App never remounts. */
function ExcelApp(props: Parameters<typeof AppView>[0]) {
  const [App] = useState(() => loadedApp()?.App ?? LazyApp);
  return <App {...props} />;
}

const useStyles = makeStyles({
  provider: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  loading: { padding: tokens.spacingHorizontalL },
});

export type PaneState =
  | { stage: "starting" }
  | { stage: "outside"; reason: Exclude<StartupOutcome, "excel"> }
  | {
      stage: "excel";
      service: PlanService;
      /** The workbook as read at start-up, while App's chunk arrived: App opens on the right view at once. */
      overview?: WorkbookOverview;
    };

interface RootProps {
  pane: PaneState;
  theme: ThemeName;
  /** Lets the host tell the pane that Office's theme changed; returns a function that stops listening. */
  onThemeChange?: (apply: (theme: ThemeName) => void) => () => void;
}

/** Theme, live-region announcer and error boundary around whichever screen the start-up chose. */
export function Root({ pane, theme: initialTheme, onThemeChange }: RootProps) {
  const styles = useStyles();
  const [theme, setTheme] = useState(initialTheme);
  useEffect(() => setTheme(initialTheme), [initialTheme]);
  useEffect(() => onThemeChange?.(setTheme), [onThemeChange]);
  const loading = <Spinner className={styles.loading} label="Starting Client Service Plan…" />;
  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.provider} data-theme={theme}>
      <AriaLiveAnnouncer>
        <ErrorBoundary>
          {pane.stage === "starting" && loading}
          {pane.stage === "outside" && <OutsideExcel reason={pane.reason} />}
          {pane.stage === "excel" && (
            <Suspense fallback={loading}>
              <ExcelApp service={pane.service} initialOverview={pane.overview} />
            </Suspense>
          )}
        </ErrorBoundary>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}
