import { useId, type ReactNode } from "react";
import { Button, Caption1, Link, Select, Text, mergeClasses } from "@fluentui/react-components";
import type { PlanService } from "../../service/types";
import { STATUSES, isStatus } from "../../plan/status";
import { useAction } from "../hooks/useAction";
import { useTaskStyles } from "../styles";
import { ErrorNotice } from "./Notice";

/** How the sheet colors a task's due date: red when late, amber within 14 days, plain after that. */
export type TaskTone = "overdue" | "due-soon" | "later";

export interface TaskCardProps {
  service: PlanService;
  sheetId: string;
  /** The task's id; "" for a row a person added, which the pane can neither select nor change (see added). */
  taskId: string;
  task: string;
  /** The status as the sheet holds it: a status name, "" or a person's own text. */
  status: string;
  tone: TaskTone;
  /** Lines above the task's name (My work: the client). */
  before?: ReactNode;
  /** Lines under it: when it is due, its phase, who does it. */
  meta: ReactNode;
  /** Added to the status field's name where the same task stands on several plans: "Status of X, Acme". */
  context?: string;
  /** Where the task is: for a row a person added (no id), said with a way to open its sheet. */
  where?: { sheetName: string; row: number };
  /** Re-read after the pane changed the status. */
  onChanged(): void;
  /** Tell the person where Plan history went when its table had to be started anew. */
  onHistoryNote?(note: string): void;
}

/** The status choices: the four statuses, and what the sheet holds now when that is none of them. */
function StatusOptions({ status }: { status: string }) {
  return (
    <>
      {!isStatus(status) && <option value={status}>{status === "" ? "Status not set" : status}</option>}
      {STATUSES.map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </>
  );
}

/**
 * One task as a list item: its name selects its row on the sheet, its status can be changed on the spot (Completed
 * on and Plan history follow, as from the sheet), and what went wrong is said under it.
 */
export function TaskCard(props: TaskCardProps) {
  const { service, sheetId, taskId, task, status, tone, before, meta, context, where } = props;
  const styles = useTaskStyles();
  const selecting = useAction();
  const updating = useAction();
  const beforeId = useId();
  const metaId = useId();
  const describedBy = before ? `${beforeId} ${metaId}` : metaId;
  const named = context ? `${task}, ${context}` : task;

  const changeStatus = async (value: string) => {
    if (!isStatus(value)) return;
    const done = await updating.run(`set the status of “${task}”`, async () => {
      const { historyNote } = await service.setTaskStatus(sheetId, taskId, value);
      if (historyNote) props.onHistoryNote?.(historyNote);
      return true;
    });
    if (done) props.onChanged();
  };

  return (
    <li
      className={mergeClasses(styles.task, tone === "overdue" && styles.overdue, tone === "due-soon" && styles.dueSoon)}
    >
      {before && (
        <Caption1 id={beforeId} className={styles.meta}>
          {before}
        </Caption1>
      )}
      {taskId === "" ? (
        <Text className={styles.taskText}>{task}</Text>
      ) : (
        <Button
          appearance="transparent"
          className={styles.taskName}
          aria-describedby={describedBy}
          title="Show this task on the sheet"
          onClick={() => void selecting.run(`show “${task}” on the sheet`, () => service.selectTask(sheetId, taskId))}
        >
          {task}
        </Button>
      )}
      <Caption1 id={metaId} className={styles.meta}>
        {meta}
      </Caption1>
      {taskId === "" ? (
        // The pane finds a task by its id; a row a person added has none, so it is changed on the sheet.
        <Caption1 className={styles.meta}>
          {status || "No status"} · added on the sheet{where ? ` (row ${where.row})` : ""}: change it there.
          {where && (
            <>
              {" "}
              <Link
                as="button"
                onClick={() =>
                  void selecting.run(`open the sheet “${where.sheetName}”`, () => service.activatePlan(sheetId))
                }
              >
                Open “{where.sheetName}”
              </Link>
            </>
          )}
        </Caption1>
      ) : (
        <Select
          size="small"
          className={styles.status}
          value={status}
          disabled={updating.busy}
          aria-label={`Status of ${named}`}
          onChange={(_, data) => void changeStatus(data.value)}
        >
          <StatusOptions status={status} />
        </Select>
      )}
      <ErrorNotice error={selecting.error ?? updating.error} />
    </li>
  );
}
