import { Caption1, Field, ProgressBar, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PlanDetail, PlanService, PlanTaskRow } from "../service/types";
import { DUE_SOON_DAYS } from "../plan/status";
import { DateText } from "./components/DateText";
import { Notice } from "./components/Notice";
import { TaskCard } from "./components/TaskCard";
import { countOf } from "./count";
import { useSharedStyles, useTaskStyles } from "./styles";

const useStyles = makeStyles({
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

function TaskItem({ task, plan, ...props }: GlanceProps & { task: PlanTaskRow }) {
  const taskStyles = useTaskStyles();
  const isOverdue = task.state === "overdue";
  return (
    <TaskCard
      {...props}
      sheetId={plan.sheetId}
      taskId={task.taskId}
      task={task.task}
      status={task.status}
      tone={isOverdue ? "overdue" : "due-soon"}
      meta={
        <>
          <span className={isOverdue ? taskStyles.overdueText : undefined}>
            {isOverdue ? "Overdue" : "Due"} <DateText iso={task.due} missing="(no date)" />
          </span>
          {" · "}
          {task.phase}
          {task.assignedTo || task.owners ? ` · ${task.assignedTo || task.owners}` : ""}
        </>
      }
    />
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
  const taskStyles = useTaskStyles();
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
        <Caption1 as="p" block className={taskStyles.meta}>
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
