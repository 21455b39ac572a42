import {
  Button,
  Caption1,
  Field,
  ProgressBar,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { PlanDetail, PlanService, PlanTaskRow } from "../service/types";
import { STATUSES, isStatus, DUE_SOON_DAYS } from "../plan/status";
import { DateText } from "./components/DateText";
import { ErrorNotice, Notice } from "./components/Notice";
import { countOf } from "./count";
import { useAction } from "./hooks/useAction";
import { useSharedStyles } from "./styles";

const useStyles = makeStyles({
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
  meta: { overflowWrap: "anywhere", margin: 0 },
  overdueText: { color: tokens.colorPaletteRedForeground1 },
  status: { maxWidth: "100%" },
  phases: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

interface GlanceProps {
  service: PlanService;
  plan: PlanDetail;
  /** Re-read the plan after the pane changed it. */
  onChanged(): void;
  /** Tell the person where Plan history went when its table had to be started anew. */
  onHistoryNote?(note: string): void;
}

function TaskItem({ service, plan, task, onChanged, onHistoryNote }: GlanceProps & { task: PlanTaskRow }) {
  const styles = useStyles();
  const selecting = useAction();
  const updating = useAction();
  const isOverdue = task.state === "overdue";
  const metaId = `task-${task.taskId}-meta`;

  const changeStatus = async (value: string) => {
    if (!isStatus(value)) return;
    const done = await updating.run(`set the status of “${task.task}”`, async () => {
      const { historyNote } = await service.setTaskStatus(plan.sheetId, task.taskId, value);
      if (historyNote) onHistoryNote?.(historyNote);
      return true;
    });
    if (done) onChanged();
  };

  return (
    <li className={mergeClasses(styles.task, isOverdue ? styles.overdue : styles.dueSoon)}>
      <Button
        appearance="transparent"
        className={styles.taskName}
        aria-describedby={metaId}
        title="Show this task on the sheet"
        onClick={() =>
          void selecting.run(`show “${task.task}” on the sheet`, () => service.selectTask(plan.sheetId, task.taskId))
        }
      >
        {task.task}
      </Button>
      <Caption1 id={metaId} className={styles.meta}>
        <span className={isOverdue ? styles.overdueText : undefined}>
          {isOverdue ? "Overdue" : "Due"} <DateText iso={task.due} missing="(no date)" />
        </span>
        {" · "}
        {task.phase}
        {task.assignedTo || task.owners ? ` · ${task.assignedTo || task.owners}` : ""}
      </Caption1>
      <Select
        size="small"
        className={styles.status}
        value={task.status}
        disabled={updating.busy}
        aria-label={`Status of ${task.task}`}
        onChange={(_, data) => void changeStatus(data.value)}
      >
        {task.status === "" && <option value="">Status not set</option>}
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </Select>
      <ErrorNotice error={selecting.error ?? updating.error} />
    </li>
  );
}

function TaskGroup({
  title,
  empty,
  tasks,
  ...props
}: GlanceProps & { title: string; empty: string; tasks: PlanTaskRow[] }) {
  const shared = useSharedStyles();
  const headingId = `glance-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section className={shared.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={shared.heading}>
        {title} ({tasks.length})
      </Subtitle2>
      {tasks.length === 0 ? (
        <Caption1>{empty}</Caption1>
      ) : (
        <ul className={shared.stack} aria-labelledby={headingId}>
          {tasks.map((task) => (
            <TaskItem key={task.taskId} task={task} {...props} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The active plan today: what is late, what comes next, how far each phase is. */
export function Glance(props: GlanceProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { plan } = props;
  const overdue = plan.tasks.filter((task) => task.state === "overdue");
  const dueSoon = plan.tasks.filter((task) => task.state === "due-soon");
  return (
    <section className={shared.section} aria-labelledby="glance-heading">
      <div>
        <Subtitle2 as="h2" block id="glance-heading" className={shared.heading} tabIndex={-1}>
          {plan.client || plan.sheetName} at a glance
        </Subtitle2>
        <Caption1 as="p" block className={styles.meta}>
          Bound <DateText iso={plan.bind} missing="(no date)" /> · renews{" "}
          <DateText iso={plan.renewal} missing="(no date)" /> · as of <DateText iso={plan.today} missing="" />
        </Caption1>
      </div>
      {plan.problems.length > 0 && (
        <Notice
          key={plan.problems.map((problem) => problem.message).join()}
          intent="warning"
          title="Check the plan's dates"
        >
          {plan.problems.map((problem) => (
            <Text as="p" block key={problem.message}>
              {problem.message}
            </Text>
          ))}
        </Notice>
      )}
      <TaskGroup {...props} title="Overdue" empty="Nothing is overdue." tasks={overdue} />
      <TaskGroup
        {...props}
        title={`Due in the next ${DUE_SOON_DAYS} days`}
        empty={`Nothing is due in the next ${DUE_SOON_DAYS} days.`}
        tasks={dueSoon}
      />
      <section className={shared.section} aria-labelledby="glance-phases">
        <Subtitle2 as="h3" id="glance-phases" className={shared.heading}>
          Progress by phase
        </Subtitle2>
        <div className={styles.phases}>
          {plan.phases.map((phase) => (
            <Field
              key={phase.phaseId}
              label={phase.phase}
              validationState="none"
              validationMessage={`${phase.closed} of ${countOf(phase.total, "task")} closed`}
            >
              <ProgressBar
                value={phase.closed}
                max={Math.max(phase.total, 1)}
                color={phase.total > 0 && phase.closed === phase.total ? "success" : "brand"}
              />
            </Field>
          ))}
        </div>
      </section>
    </section>
  );
}
