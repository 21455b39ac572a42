import { createRoot } from "react-dom/client";
import { createExcelPlanService } from "../excel/service";
import { Root, type PaneState } from "./Root";
import { decideStartup } from "./startup";
import { chooseTheme, themeFromQuery, type ThemeName } from "./theme";

/*
 * The pane's entry and the only module that touches the Office global: it waits for Office, picks the theme,
 * and hands the rest of the pane a PlanService.
 */

const officeLoaded = typeof Office !== "undefined";
const queryTheme = themeFromQuery(window.location.search);

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

const container = document.getElementById("container");
if (!container) throw new Error("taskpane.html has no #container element.");
const root = createRoot(container);

function show(pane: PaneState): void {
  root.render(
    <Root pane={pane} theme={officeTheme()} onThemeChange={pane.stage === "excel" ? followOfficeTheme : undefined} />,
  );
}

show({ stage: "starting" });
decideStartup(officeLoaded ? { onReady: () => Office.onReady(), excelHost: Office.HostType.Excel } : undefined)
  .then((outcome) => {
    show(
      outcome === "excel"
        ? { stage: "excel", service: createExcelPlanService() }
        : { stage: "outside", reason: outcome },
    );
  })
  .catch(() => show({ stage: "outside", reason: "browser" }));
