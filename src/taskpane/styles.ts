import { makeStyles, tokens } from "@fluentui/react-components";

/** Styles the pane's sections share: a column of parts, headings without margins, a list of cards. */
export const useSharedStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0 },
  /** A list of cards or tasks, without bullets. */
  stack: {
    listStyle: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
});

/** A task card (components/TaskCard.tsx): a bar on its left colored as the sheet colors the task's due date. */
export const useTaskStyles = makeStyles({
  task: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  overdue: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  dueSoon: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  taskName: {
    justifyContent: "flex-start",
    textAlign: "start",
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    minWidth: 0,
    maxWidth: "100%",
    paddingLeft: 0,
    paddingRight: 0,
    fontWeight: tokens.fontWeightSemibold,
  },
  /** A task that cannot be chosen (a row a person added): its name as the button would show it. */
  taskText: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  meta: { overflowWrap: "anywhere", margin: 0 },
  overdueText: { color: tokens.colorPaletteRedForeground1 },
  status: { maxWidth: "100%" },
});
