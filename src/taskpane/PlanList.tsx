import {
  Badge,
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  mergeClasses,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanService, PlanSummary } from "../service/types";
import { DateText } from "./components/DateText";
import { ErrorNotice } from "./components/Notice";
import { countOf } from "./count";
import { useAction } from "./hooks/useAction";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  active: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  open: { justifyContent: "flex-start", textAlign: "start", minWidth: 0, maxWidth: "100%", whiteSpace: "normal" },
  counts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  details: { overflowWrap: "anywhere" },
});

interface PlanListProps {
  service: PlanService;
  plans: PlanSummary[] | null;
  activeId: string | null;
  /** Called after Excel switched to the chosen plan's sheet. */
  onActivated(sheetId: string): void;
}

/** The plan sheets in this workbook; choosing one brings its sheet to the front. */
export function PlanList({ service, plans, activeId, onActivated }: PlanListProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const activating = useAction();

  const activate = async (plan: PlanSummary) => {
    const done = await activating.run(`open the plan for ${plan.client}`, async () => {
      await service.activatePlan(plan.sheetId);
      return true;
    });
    if (done) onActivated(plan.sheetId);
  };

  return (
    <section className={shared.section} aria-labelledby="plans-heading">
      <Subtitle2 as="h2" id="plans-heading" className={shared.heading}>
        Plans in this workbook
      </Subtitle2>
      {plans === null && <Spinner size="small" label="Reading the plans in this workbook…" />}
      {plans?.length === 0 && <Caption1>No plans yet. Create one under “New plan”.</Caption1>}
      <ErrorNotice error={activating.error} />
      {plans && plans.length > 0 && (
        <ul className={shared.stack} aria-label="Plans">
          {plans.map((plan) => {
            const isActive = plan.sheetId === activeId;
            const detailsId = `plan-${plan.sheetId}-details`;
            return (
              <li key={plan.sheetId} className={mergeClasses(styles.item, isActive && styles.active)}>
                <Button
                  appearance="subtle"
                  className={styles.open}
                  aria-current={isActive ? "true" : undefined}
                  aria-describedby={detailsId}
                  disabled={activating.busy}
                  onClick={() => void activate(plan)}
                >
                  {plan.client || plan.sheetName}
                </Button>
                <div id={detailsId}>
                  <Caption1 as="p" className={styles.details}>
                    <DateText iso={plan.bind} missing="no bind date" /> →{" "}
                    <DateText iso={plan.renewal} missing="no renewal date" /> · sheet “{plan.sheetName}”
                    {isActive ? " · open now" : ""}
                  </Caption1>
                  <div className={styles.counts}>
                    {plan.counts.overdue > 0 && (
                      <Badge appearance="filled" color="danger">
                        {plan.counts.overdue} overdue
                      </Badge>
                    )}
                    {plan.counts.dueSoon > 0 && (
                      <Badge appearance="filled" color="warning">
                        {plan.counts.dueSoon} due soon
                      </Badge>
                    )}
                    <Badge appearance="tint" color="success">
                      {plan.counts.done} done
                    </Badge>
                    {plan.problems.length > 0 && (
                      <Badge appearance="outline" color="danger">
                        {countOf(plan.problems.length, "problem")}
                      </Badge>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
