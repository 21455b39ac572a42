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
