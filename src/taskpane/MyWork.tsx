import { useCallback, useEffect, useId, useRef, useState } from "react";
import {
  Body1Strong,
  Caption1,
  Field,
  Select,
  Spinner,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { MY_WORK_HORIZON_DAYS, type MyWorkSection, type MyWorkTask } from "../plan/my-work";
import { DUE_SOON_DAYS } from "../plan/status";
import type { MyWorkView, PlanService } from "../service/types";
import { DateText, daysBetween } from "./components/DateText";
import { ErrorNotice } from "./components/Notice";
import { TaskCard, type TaskTone } from "./components/TaskCard";
import { countOf } from "./count";
import { describeFailure } from "./failure";
import { useSharedStyles, useTaskStyles } from "./styles";
import {
  EVERYONE,
  loadWhoseWork,
  queryOf,
  rememberWhoseWork,
  whoseWorkKey,
  whoseWorkOf,
  type WhoseWork,
} from "./whoseWork";

const useStyles = makeStyles({
  days: { gap: tokens.spacingVerticalL },
  day: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  date: { margin: 0 },
  client: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
});

interface MyWorkProps {
  service: PlanService;
  /** How many bursts of workbook edits the pane has heard of: each new count reads My work again. */
  edits: number;
  /** The pane changed a status: the rest of the pane reads the workbook again too. */
  onChanged(): void;
  /** Tell the person where Plan history went when its table had to be started anew. */
  onHistoryNote?(note: string): void;
}

const TONES: Record<MyWorkSection["key"], TaskTone> = {
  overdue: "overdue",
  "due-soon": "due-soon",
  "due-later": "later",
};

function whoseLabel(whose: WhoseWork): string {
  return whose.kind === "person" ? whose.name : whose.kind === "role" ? `${whose.role} (role)` : "Everyone";
}

/** "AE: Dana Lee", "Producer/AE", "Dana Lee": who does a task, as far as the row says. */
function whoDoes({ owners, assignedTo }: MyWorkTask): string {
  return owners && assignedTo ? `${owners}: ${assignedTo}` : owners || assignedTo;
}

/** How far a date is from the day the list is for: "3 days late", "today", "tomorrow", "in 5 days". */
function fromToday(asOf: string, date: string): string {
  const days = daysBetween(asOf, date);
  if (days < 0) return countOf(-days, "day") + " late";
  return days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${countOf(days, "day")}`;
}

function DayGroup({
  asOf,
  date,
  tasks,
  tone,
  ...props
}: Omit<MyWorkProps, "edits"> & { asOf: string; date: string; tasks: MyWorkTask[]; tone: TaskTone }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const dateId = useId();
  return (
    <li className={styles.day}>
      <Body1Strong as="h4" id={dateId} className={styles.date}>
        {tone === "overdue" ? "Was due " : "Due "}
        <DateText iso={date} missing="" /> · {fromToday(asOf, date)}
      </Body1Strong>
      <ul className={shared.stack} aria-labelledby={dateId}>
        {tasks.map((task) => (
          <TaskCard
            key={`${task.sheetId}:${task.row}`}
            {...props}
            sheetId={task.sheetId}
            taskId={task.taskId}
            task={task.task}
            status={task.status}
            tone={tone}
            context={task.client || task.sheetName}
            where={{ sheetName: task.sheetName, row: task.row }}
            before={<span className={styles.client}>{task.client || task.sheetName}</span>}
            meta={[task.phase, whoDoes(task)].filter(Boolean).join(" · ")}
          />
        ))}
      </ul>
    </li>
  );
}

const EMPTY: Record<MyWorkSection["key"], string> = {
  overdue: "Nothing is overdue.",
  "due-soon": `Nothing is due in the next ${DUE_SOON_DAYS} days.`,
  "due-later": `Nothing is due in ${DUE_SOON_DAYS + 1} to ${MY_WORK_HORIZON_DAYS} days.`,
};

function SectionOfWork({ section, ...props }: Omit<MyWorkProps, "edits"> & { asOf: string; section: MyWorkSection }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const headingId = `my-work-${section.key}`;
  return (
    <section className={shared.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId} className={shared.heading}>
        {section.title} ({section.count})
      </Subtitle2>
      {section.days.length === 0 ? (
        <Caption1>{EMPTY[section.key]}</Caption1>
      ) : (
        <ul className={mergeClasses(shared.stack, styles.days)} aria-labelledby={headingId}>
          {section.days.map(({ date, tasks }) => (
            <DayGroup key={date} {...props} date={date} tasks={tasks} tone={TONES[section.key]} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Whose work a view lists, as the view itself says (a read for an earlier choice may still be shown). */
function whoseOf(work: MyWorkView): WhoseWork {
  if (work.person !== null) return { kind: "person", name: work.person };
  return work.role !== null ? { kind: "role", role: work.role } : EVERYONE;
}

/** What the list holds, in a sentence: read out when it changes. */
function summary(work: MyWorkView): string {
  const [overdue, soon, later] = work.sections.map((section) => section.count);
  const total = overdue + soon + later;
  const whose = whoseLabel(whoseOf(work));
  if (total === 0) return `${whose}: nothing open is due in the next ${MY_WORK_HORIZON_DAYS} days.`;
  return `${whose}: ${countOf(total, "open task")}, ${overdue} overdue, ${soon} due in the next ${DUE_SOON_DAYS} days.`;
}

/**
 * Every open task across the workbook's plans for a person, a role or everyone: overdue first, then the next 14
 * days, then the rest of the next 30, by date with the client on each line. It reads again after each burst of
 * edits (local or a co-author's) and after a status changed here; reading writes nothing.
 */
export function MyWork({ service, edits, onChanged, onHistoryNote }: MyWorkProps) {
  const shared = useSharedStyles();
  const taskStyles = useTaskStyles();
  const [whose, setWhose] = useState<WhoseWork>(loadWhoseWork);
  const [work, setWork] = useState<MyWorkView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the newest read may be shown: one for an earlier choice finishing late would list someone else's work.
  const latestRead = useRef(0);
  const key = whoseWorkKey(whose);

  const read = useCallback(async () => {
    const readNumber = ++latestRead.current;
    try {
      const view = await service.myWork(queryOf(whoseWorkOf(key)));
      if (readNumber !== latestRead.current) return;
      setWork(view);
      setError(null);
    } catch (failure) {
      if (readNumber === latestRead.current) setError(describeFailure(failure, "read your work across the plans"));
    }
  }, [service, key]);

  useEffect(() => {
    void read();
  }, [read, edits]);

  const choose = (value: string) => {
    const chosen = whoseWorkOf(value);
    rememberWhoseWork(chosen);
    setWhose(chosen);
  };
  const changed = () => {
    void read();
    onChanged();
  };

  const people = work?.people ?? [];
  const roles = work?.roles ?? [];
  // A remembered name that no plan's team holds here stays chosen, and is said to list nothing.
  const unlisted = whose.kind === "person" && !people.includes(whose.name);
  const unknownPerson = work?.person != null && !people.includes(work.person) ? work.person : null;

  return (
    <section className={shared.section} aria-labelledby="my-work-heading">
      <div>
        <Subtitle2 as="h2" block id="my-work-heading" className={shared.heading} tabIndex={-1}>
          My work
        </Subtitle2>
        {work && (
          <Caption1 as="p" block className={taskStyles.meta}>
            Open tasks across the workbook&apos;s plans, as of <DateText iso={work.asOf} missing="" />
          </Caption1>
        )}
      </div>
      <Field
        label="Whose work"
        hint={unknownPerson && `Nobody named ${unknownPerson} is on a plan's service team in this workbook.`}
      >
        <Select value={key} onChange={(_, data) => choose(data.value)}>
          <option value={whoseWorkKey(EVERYONE)}>Everyone</option>
          <optgroup label="People">
            {unlisted && <option value={key}>{whose.name}</option>}
            {people.map((name) => (
              <option key={name} value={whoseWorkKey({ kind: "person", name })}>
                {name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Roles">
            {roles.map((role) => (
              <option key={role} value={whoseWorkKey({ kind: "role", role })}>
                {whoseLabel({ kind: "role", role })}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      <ErrorNotice error={error} />
      {work === null ? (
        !error && <Spinner size="small" label="Reading your work…" />
      ) : (
        <>
          <Caption1 as="p" block role="status" className={taskStyles.meta}>
            {summary(work)}
          </Caption1>
          {work.sections.map((section) => (
            <SectionOfWork
              key={section.key}
              section={section}
              asOf={work.asOf}
              service={service}
              onChanged={changed}
              onHistoryNote={onHistoryNote}
            />
          ))}
        </>
      )}
    </section>
  );
}
