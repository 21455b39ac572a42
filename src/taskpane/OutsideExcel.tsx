import {
  Body1,
  Image,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { StartupOutcome } from "./startup";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    maxWidth: "640px",
    overflowWrap: "anywhere",
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalS },
});

const WHY: Record<Exclude<StartupOutcome, "excel">, string> = {
  browser: "This page was opened outside Excel.",
  "no-office": "Microsoft's Office script could not be loaded, so the pane cannot reach Excel.",
  timeout: "Excel did not answer in time, so the pane cannot reach a workbook.",
};

/** What a plain browser (or a pane that cannot reach Excel) shows instead of a blank page. */
export function OutsideExcel({ reason }: { reason: Exclude<StartupOutcome, "excel"> }) {
  const styles = useStyles();
  return (
    <main className={styles.page} aria-labelledby="outside-title">
      <div className={styles.header}>
        <Image src="assets/icon-64.png" alt="" width={48} height={48} />
        <Title2 as="h1" id="outside-title">
          Client Service Plan runs inside Excel
        </Title2>
      </div>
      <MessageBar intent="info" layout="multiline" politeness="polite">
        <MessageBarBody>{WHY[reason]} Open it from Excel to create and follow client service plans.</MessageBarBody>
      </MessageBar>
      <Subtitle2 as="h2">If the add-in is installed</Subtitle2>
      <Body1 as="p">
        In Excel, go to the <strong>Home</strong> tab and select <strong>Service Plan</strong>.
      </Body1>
      <Subtitle2 as="h2">To try it in Excel on the web</Subtitle2>
      <ol className={styles.steps}>
        <li>
          Open a workbook in{" "}
          <Link href="https://www.office.com/launch/excel" target="_blank" rel="noreferrer">
            Excel on the web
          </Link>
          .
        </li>
        <li>
          Select <strong>Insert</strong> → <strong>Add-ins</strong> → <strong>Upload My Add-in</strong>.
        </li>
        <li>
          Choose the add-in&apos;s <strong>manifest.xml</strong> file and select <strong>Upload</strong>.
        </li>
        <li>
          Select <strong>Service Plan</strong> on the <strong>Home</strong> tab.
        </li>
      </ol>
    </main>
  );
}
