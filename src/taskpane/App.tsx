import { Suspense, lazy, useCallback, useEffect, useRef, useState, type FunctionComponent } from "react";
import {
  Button,
  Caption1,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  type SelectTabData,
} from "@fluentui/react-components";
import type { PlanEvent, PlanService, WorkbookOverview } from "../service/types";
import { viewAfterEvents } from "../service/view-after-events";
import { NewPlanForm } from "./NewPlanForm";
import { ErrorNotice, Notice } from "./components/Notice";
import { TemplateProblems } from "./components/TemplateProblems";
import type { TemplateProblem } from "../plan/template-read";
import { describeFailure } from "./failure";

/** A view in a chunk of its own: fetched when first shown (a small spinner meanwhile) or by preloadViews. */
function lazyView<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  // As a plain function component: lazy() wraps the props in PropsWithRef<P>, which TypeScript cannot resolve for
  // a generic P; the views take no ref.
  const View = lazy(async () => ({ default: await load() })) as unknown as FunctionComponent<P>;
  return function LazyView(props: P) {
    return (
      <Suspense fallback={<Spinner size="small" label="Loading…" />}>
        <View {...props} />
      </Suspense>
    );
  };
}

// New plan comes with App (an empty workbook opens on it); the other views do not hold up the pane's start.
const VIEWS = {
  glance: () => import("./Glance").then((module) => module.Glance),
  plans: () => import("./PlanList").then((module) => module.PlanList),
  update: () => import("./UpdateRepair").then((module) => module.UpdateRepair),
  myWork: () => import("./MyWork").then((module) => module.MyWork),
};
const Glance = lazyView(VIEWS.glance);
const PlanList = lazyView(VIEWS.plans);
const UpdateRepair = lazyView(VIEWS.update);
const MyWork = lazyView(VIEWS.myWork);

/** Fetches the views not shown yet, in the background, so that a tab opens without waiting. */
function preloadViews(): void {
  for (const load of Object.values(VIEWS)) void load().catch(() => undefined); // a failed fetch retries when shown
}

/** Edits arrive in bursts (a paste, a fill-down, a co-author's sync): wait this long for quiet before re-reading. */
export const REFRESH_DEBOUNCE_MS = 150;

export type Section = "new" | "plans" | "glance" | "mywork" | "update";

// Short labels: the five fit on one line of the narrowest pane (320 px); Update's heading says "Update & repair".
const SECTIONS: { value: Section; label: string }[] = [
  { value: "new", label: "New plan" },
  { value: "plans", label: "Plans" },
  { value: "glance", label: "At a glance" },
  { value: "mywork", label: "My work" },
  { value: "update", label: "Update" },
];

const useStyles = makeStyles({
  app: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
    width: "100%",
    minWidth: 0,
    overflowX: "hidden",
    overflowWrap: "anywhere",
  },
  title: { margin: 0 },
  tabs: { flexWrap: "wrap" },
  // Five tabs on one line at 320 px (the narrowest pane): a little less space around each, Caption1-sized text.
  tab: { paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS },
  tabText: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  panel: { minWidth: 0 },
  empty: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS },
});

/** The section a workbook opens on: its active plan, else the list of plans, else a new plan. */
function firstSection({ plans, detail }: WorkbookOverview): Section {
  return detail ? "glance" : plans.length ? "plans" : "new";
}

interface AppProps {
  service: PlanService;
  initialSection?: Section;
  /** The workbook as read at start-up: the first render shows it, with no "Reading the workbook" step. */
  initialOverview?: WorkbookOverview;
}

/**
 * The whole pane inside Excel: five sections over one view of the workbook that follows its edits. An edit's
 * event brings the plan as the add-in read it, so most edits need no read of their own (viewAfterEvents).
 */
export function App({ service, initialSection, initialOverview }: AppProps) {
  const styles = useStyles();
  const [view, setView] = useState<WorkbookOverview | null>(initialOverview ?? null);
  // The view as last shown, for merging events into it; null until a read succeeded, and after one failed.
  const shown = useRef<WorkbookOverview | null>(initialOverview ?? null);
  // Reads under way: events arriving meanwhile are followed by a read of their own, never merged into an old view.
  const reading = useRef(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Where Plan history went when its table had to be started anew: said once, until the pane is reopened.
  const [historyNote, setHistoryNote] = useState<string | null>(null);
  /** Excel refuses the add-in while a cell is being edited: following the workbook starts once it ends. */
  const [waitingForCellEdit, setWaitingForCellEdit] = useState(false);
  // What the last edit of a template sheet left on it (templates-changed), and how many such edits the form missed.
  const [templateCheck, setTemplateCheck] = useState<{ sheetName: string; problems: TemplateProblem[] } | null>(null);
  const [templateEdits, setTemplateEdits] = useState(0);
  const [section, setSection] = useState<Section | null>(
    initialSection ?? (initialOverview ? firstSection(initialOverview) : null),
  );
  // Only the newest read may update the view: an older one finishing late would show stale dates.
  const latestRead = useRef(0);
  // Bursts of workbook edits heard: My work (across every plan) reads again on each.
  const [edits, setEdits] = useState(0);

  const refresh = useCallback(
    async (sheetId?: string) => {
      const read = ++latestRead.current;
      reading.current++;
      try {
        const overview = await service.overview(sheetId);
        if (read !== latestRead.current) return;
        shown.current = overview;
        setView(overview);
        setLoadError(null);
        setSection((current) => current ?? firstSection(overview));
      } catch (failure) {
        if (read !== latestRead.current) return;
        shown.current = null;
        setLoadError(describeFailure(failure, "read the plans in this workbook"));
        setSection((current) => current ?? "new");
      } finally {
        reading.current--;
      }
    },
    [service],
  );

  useEffect(() => {
    let stopWatching: (() => Promise<void>) | null = null;
    let unmounted = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let burst: PlanEvent[] = [];
    const followSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const events = burst;
        burst = [];
        setEdits((count) => count + 1);
        const next = reading.current === 0 ? viewAfterEvents(shown.current, events) : null;
        if (next) {
          shown.current = next;
          setView(next);
        } else void refresh();
      }, REFRESH_DEBOUNCE_MS);
    };
    service
      .watch((event) => {
        if (event.kind === "watch-waiting") {
          if (!unmounted) setWaitingForCellEdit(true);
          return;
        }
        // Started after waiting: what failed to read meanwhile is read again with the burst.
        if (event.kind === "watch-started" && !unmounted) setWaitingForCellEdit(false);
        burst.push(event);
        followSoon();
        if (event.kind === "plan-changed" && event.historyNote && !unmounted) setHistoryNote(event.historyNote);
        if (event.kind === "templates-changed" && !unmounted) {
          setTemplateCheck({ sheetName: event.sheetName, problems: event.problems });
          setTemplateEdits((count) => count + 1);
        }
      })
      .then(
        (stop) => {
          if (unmounted) void stop().catch(() => undefined);
          else stopWatching = stop;
        },
        (failure: unknown) => {
          if (unmounted) return;
          setWaitingForCellEdit(false);
          setLoadError(describeFailure(failure, "follow changes to the workbook"));
        },
      );
    void refresh();
    return () => {
      unmounted = true;
      clearTimeout(timer);
      // Stopping can fail when Excel is closing the pane; nothing is left to clean up then.
      if (stopWatching) void stopWatching().catch(() => undefined);
    };
  }, [service, refresh]);

  // Moving to At a glance from a link or the plan list takes keyboard focus and the view to its heading,
  // once it is on screen: the link that was clicked disappears with the section it was in.
  const [revealGlance, setRevealGlance] = useState(false);
  const showGlance = useCallback(() => {
    setSection("glance");
    setRevealGlance(true);
  }, []);
  useEffect(() => {
    if (!revealGlance || section !== "glance") return;
    const reveal = () => {
      const heading = document.getElementById("glance-heading");
      if (!heading) return false;
      heading.focus();
      heading.scrollIntoView?.({ block: "start" });
      setRevealGlance(false);
      return true;
    };
    if (reveal()) return;
    // At a glance may still be loading (a chunk of its own), which renders it without a render of App.
    const observer = new MutationObserver(() => reveal() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
  const showPlan = useCallback(
    (sheetId: string) => {
      showGlance();
      void refresh(sheetId);
    },
    [refresh, showGlance],
  );
  const reread = useCallback(() => void refresh(), [refresh]);
  const onScreen = section !== null;
  useEffect(() => {
    if (!onScreen) return;
    // After the first view is on screen, not competing with it.
    const timer = setTimeout(preloadViews, 500);
    return () => clearTimeout(timer);
  }, [onScreen]);

  const detail = view?.detail ?? null;
  const noActivePlan = (
    <div className={styles.empty}>
      <Caption1>The sheet you are on is not a service plan. Open one from the list or create a new plan.</Caption1>
      <Button onClick={() => setSection("plans")}>Show plans</Button>
    </div>
  );

  return (
    <main className={styles.app} aria-labelledby="app-title">
      <Title3 as="h1" id="app-title" className={styles.title}>
        Client Service Plan
      </Title3>
      <TabList
        className={styles.tabs}
        size="small"
        aria-label="Sections"
        selectedValue={section ?? "none"}
        onTabSelect={(_, data: SelectTabData) => setSection(data.value as Section)}
      >
        {SECTIONS.map(({ value, label }) => (
          <Tab
            key={value}
            value={value}
            id={`tab-${value}`}
            aria-controls={section === value ? `panel-${value}` : undefined}
            className={styles.tab}
            content={{ className: styles.tabText }}
          >
            {label}
          </Tab>
        ))}
      </TabList>
      {waitingForCellEdit ? (
        <Notice intent="info" title="Finish editing the cell">
          Excel holds the add-in back while a cell is being edited. Press Enter or Esc in the sheet, and the pane shows
          your plans and follows your changes.
        </Notice>
      ) : (
        <ErrorNotice error={loadError} />
      )}
      {historyNote && (
        <Notice key={historyNote} intent="warning" title="Plan history">
          {historyNote}
        </Notice>
      )}
      {templateCheck &&
        (templateCheck.problems.length > 0 ? (
          <Notice
            key={`${templateCheck.sheetName}-${templateCheck.problems.map((p) => p.cell).join()}`}
            intent="warning"
            title={`The sheet “${templateCheck.sheetName}” has ${templateCheck.problems.length === 1 ? "a problem" : `${templateCheck.problems.length} problems`}`}
          >
            Until it is fixed, its template makes no plan:
            <TemplateProblems problems={templateCheck.problems} />
          </Notice>
        ) : (
          <Notice key={`${templateCheck.sheetName}-ok`} intent="success">
            The sheet “{templateCheck.sheetName}” passes its checks.
          </Notice>
        ))}
      {section === null ? (
        <Spinner size="small" label="Reading the workbook…" />
      ) : (
        <div role="tabpanel" id={`panel-${section}`} aria-labelledby={`tab-${section}`} className={styles.panel}>
          {section === "new" && (
            <NewPlanForm
              service={service}
              templateEdits={templateEdits}
              onCreated={(plan) => void refresh(plan.sheetId)}
              onShowPlan={showGlance}
            />
          )}
          {section === "plans" && (
            <PlanList
              service={service}
              plans={view?.plans ?? null}
              activeId={view?.activeId ?? null}
              onActivated={showPlan}
            />
          )}
          {section === "glance" &&
            (detail ? (
              <Glance service={service} plan={detail} onChanged={reread} onHistoryNote={setHistoryNote} />
            ) : (
              noActivePlan
            ))}
          {section === "mywork" && (
            <MyWork service={service} edits={edits} onChanged={reread} onHistoryNote={setHistoryNote} />
          )}
          {section === "update" &&
            (detail ? (
              <UpdateRepair key={detail.sheetId} service={service} plan={detail} onChanged={reread} />
            ) : (
              noActivePlan
            ))}
        </div>
      )}
    </main>
  );
}
