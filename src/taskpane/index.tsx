// First, so that the plan screens' chunk is requested before the modules below are evaluated.
import { loadApp, markStartup } from "./loadApp";
import { createRoot } from "react-dom/client";
import { createExcelPlanService } from "../excel/service";
import { Root, type PaneState } from "./Root";
import { decideStartup } from "./startup";
import { chooseTheme, themeFromQuery, type ThemeName } from "./theme";

/*
 * The pane's entry and the only module that touches the Office global: it waits for Office, picks the theme, and
 * hands the rest of the pane a PlanService and the workbook's first read.
 */

markStartup("modules-evaluated");
const queryTheme = themeFromQuery(window.location.search);
/** Set once the document is parsed: office.js, which blocks the parser, has run (or failed) by then. */
let officeLoaded = false;

function officeTheme(): ThemeName {
  let background: string | undefined;
  try {
    background = officeLoaded ? Office.context?.officeTheme?.bodyBackgroundColor : undefined;
  } catch {
    // officeTheme is missing in some hosts and before onReady; the light theme is the safe default.
  }
  return chooseTheme(queryTheme, background);
}

/** Follows Office's theme when the host reports changes (not every host does); returns how to stop. */
function followOfficeTheme(apply: (theme: ThemeName) => void): () => void {
  if (!officeLoaded || queryTheme) return () => undefined;
  const handler = () => apply(officeTheme());
  try {
    Office.context.document.addHandlerAsync(Office.EventType.OfficeThemeChanged, handler);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      Office.context.document.removeHandlerAsync(Office.EventType.OfficeThemeChanged, { handler });
    } catch {
      // The document is gone when the pane closes; nothing to remove then.
    }
  };
}

// The start-up spinner appears only if start-up takes a moment: when Office and the first read answer at once,
// the pane renders once, on its first view.
const STARTING_SPINNER_DELAY_MS = 150;
let startingSpinner: ReturnType<typeof setTimeout> | undefined;

function show(pane: PaneState): void {
  if (pane.stage !== "starting") clearTimeout(startingSpinner);
  root.render(
    <Root pane={pane} theme={officeTheme()} onThemeChange={pane.stage === "excel" ? followOfficeTheme : undefined} />,
  );
}

// The scripts are async (webpack.config.js): they may run before office.js and before <body> is parsed.
const documentParsed = new Promise<void>((done) => {
  if (document.readyState !== "loading") done();
  else document.addEventListener("DOMContentLoaded", () => done(), { once: true });
});
let root: ReturnType<typeof createRoot>;

documentParsed
  .then(() => {
    markStartup("document-parsed");
    officeLoaded = typeof Office !== "undefined";
    const container = document.getElementById("container");
    if (!container) throw new Error("taskpane.html has no #container element.");
    root = createRoot(container);
    startingSpinner = setTimeout(() => show({ stage: "starting" }), STARTING_SPINNER_DELAY_MS);
    return decideStartup(
      officeLoaded ? { onReady: () => Office.onReady(), excelHost: Office.HostType.Excel } : undefined,
    );
  })
  .then(async (outcome) => {
    markStartup("office-ready");
    if (outcome !== "excel") {
      show({ stage: "outside", reason: outcome });
      return;
    }
    const service = createExcelPlanService();
    // The first read and App's chunk (asked for at start) together, so that App renders once, on the right view.
    // A failure of either is App's to report: it reads again, and Root loads a missing chunk lazily.
    const [overview] = await Promise.all([service.overview().catch(() => undefined), loadApp().catch(() => undefined)]);
    show({ stage: "excel", service, overview });
  })
  .catch(() => show({ stage: "outside", reason: "browser" }));
