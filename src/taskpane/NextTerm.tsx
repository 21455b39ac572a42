import { useEffect, useState } from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ServiceTeam } from "../plan/roles";
import type { PlanDetail, PlanService, RenewalOptions, RenewalPreview, RenewalResult } from "../service/types";
import { BusyButton } from "./components/BusyButton";
import { ConfirmDialog } from "./components/ConfirmDialog";
import { DateText } from "./components/DateText";
import { ErrorNotice, Notice } from "./components/Notice";
import { PreviewList } from "./components/PreviewList";
import { TeamFields, teamFieldsValid } from "./components/TeamFields";
import { countOf } from "./count";
import { useAction } from "./hooks/useAction";
import { useSharedStyles } from "./styles";
import { filledTeam } from "./teamStorage";

/**
 * Start next term: the next term's plan made from this one, after a preview in words. The person may change the
 * renewal date, the service team ("Identify internal key player changes") and what is carried; Create writes it
 * all or nothing (src/excel/renew.ts). Before the 30 Days to Renewal work opens it asks first, with the days left.
 */

/** The task of the 30 Days to Renewal phase the pane offers Start next term on. */
export const DRAFT_RENEWAL_TASK = /^draft renewal client service plan/i;

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
});

interface NextTermProps {
  service: PlanService;
  plan: PlanDetail;
  /** Opened from elsewhere (the Draft renewal task's offer): the form opens with its preview. */
  openSignal?: number;
  onChanged(): void;
  /** Shows another plan (the next term's) in the pane. */
  onOpenPlan?(sheetId: string): void;
}

/** What the person chose, as the adapter takes it: a renewal date only when it differs from one term later. */
function optionsOf(
  choice: { renewal: string; team: ServiceTeam; notes: boolean; ownRows: boolean },
  preview: RenewalPreview | null,
): RenewalOptions {
  const typed = preview && preview.termMonths !== null && choice.renewal === preview.renewal ? "" : choice.renewal;
  return {
    ...(typed ? { renewal: typed } : {}),
    ...(preview ? { team: filledTeam(choice.team, preview.roles) } : {}),
    carry: { notes: choice.notes, ownRows: choice.ownRows },
  };
}

export function NextTerm({ service, plan, openSignal = 0, onChanged, onOpenPlan }: NextTermProps) {
  const shared = useSharedStyles();
  const styles = useStyles();
  const previewing = useAction();
  const creating = useAction();
  const [preview, setPreview] = useState<RenewalPreview | null>(null);
  const [refused, setRefused] = useState<Extract<RenewalResult, { ok: false }> | null>(null);
  const [renewal, setRenewal] = useState("");
  const [team, setTeam] = useState<ServiceTeam>({});
  const [notes, setNotes] = useState(false);
  const [ownRows, setOwnRows] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [created, setCreated] = useState<{ sheetId: string; sheetName: string } | null>(null);
  const choice = { renewal, team, notes, ownRows };

  const show = (result: RenewalResult, fresh: boolean) => {
    if (result.ok) {
      setRefused(null);
      setPreview(result.preview);
      if (fresh) {
        setRenewal(result.preview.renewal);
        setTeam({ ...result.preview.team });
      }
      return;
    }
    setRefused(result);
    if (result.changed) setPreview(result.changed);
  };

  const start = async () => {
    setCreated(null);
    const result = await previewing.run("prepare the next term", () =>
      service.previewRenewal(plan.sheetId, { carry: { notes, ownRows } }),
    );
    if (result) show(result, true);
  };

  const update = async (next = choice) => {
    if (!preview || !teamFieldsValid(next.team, preview.roles)) return;
    const result = await previewing.run("prepare the next term", () =>
      service.previewRenewal(plan.sheetId, optionsOf(next, preview)),
    );
    if (result) show(result, false);
  };

  const create = async () => {
    if (!preview) return;
    setConfirming(false);
    const result = await creating.run("start the next term", () =>
      service.renewPlan(plan.sheetId, optionsOf(choice, preview)),
    );
    if (!result) return;
    if (result.ok && result.plan) {
      setCreated({ sheetId: result.plan.sheetId, sheetName: result.plan.sheetName });
      setPreview(null);
      setRefused(null);
      onChanged();
      return;
    }
    show(result, false);
  };

  // Offered on the Draft renewal task: opening from there starts the preview here, and brings it into view.
  useEffect(() => {
    if (openSignal === 0) return;
    const heading = document.getElementById("next-term-heading");
    heading?.scrollIntoView?.({ block: "start" });
    heading?.focus();
    void start();
    // Only a new signal opens it again.
  }, [openSignal]);

  const askFirst = preview?.timing.kind === "early";
  const busy = previewing.busy || creating.busy;

  return (
    <section className={shared.section} aria-labelledby="next-term-heading">
      <Subtitle2 as="h3" id="next-term-heading" className={shared.heading} tabIndex={-1}>
        Next term
      </Subtitle2>
      {created && (
        <Notice intent="success" title="Next term started">
          “{created.sheetName}” is the plan of the next term; “{plan.sheetName}” stays as the record of this one.{" "}
          {onOpenPlan && (
            <Button size="small" onClick={() => onOpenPlan(created.sheetId)}>
              Open “{created.sheetName}”
            </Button>
          )}
        </Notice>
      )}
      {!preview && !created && (
        <>
          <Caption1>
            Makes the plan for the term after <DateText iso={plan.renewal} missing="the renewal" />: the same client and
            team, dates one term later. You see it in words first.
          </Caption1>
          <div className={styles.actions}>
            <BusyButton appearance="primary" busy={previewing.busy} onClick={() => void start()}>
              Start next term
            </BusyButton>
          </div>
        </>
      )}
      <ErrorNotice error={previewing.error ?? creating.error} />
      {refused && (
        <Notice intent="warning" title={refused.alreadyStarted ? "Already started" : "The next term cannot start yet"}>
          {refused.problems.map((problem) => (
            <Text as="p" block key={problem.message}>
              {problem.message}
            </Text>
          ))}
          {refused.alreadyStarted?.sheetId && onOpenPlan && (
            <Button size="small" onClick={() => onOpenPlan(refused.alreadyStarted!.sheetId!)}>
              Open “{refused.alreadyStarted.sheetName}”
            </Button>
          )}
        </Notice>
      )}
      {preview && (
        <div className={styles.form} role="group" aria-label="The next term">
          <Text weight="semibold">
            “{preview.newSheetName}”, {preview.newTerm}
          </Text>
          {preview.timing.kind === "late" && (
            <Notice intent="warning">
              The renewal was {countOf(preview.timing.daysLate, "day")} ago: the next term is{" "}
              {countOf(preview.timing.daysLate, "day")} late.
            </Notice>
          )}
          <PreviewList title="What Create writes" items={preview.lines} />
          <Field
            label="Renewal of the next term"
            hint={
              preview.termMonths !== null && renewal === preview.renewal
                ? `${countOf(preview.termMonths, "month")} after its bind date ${preview.bind}, by formula`
                : `Bind date ${preview.bind}`
            }
          >
            <Input type="date" value={renewal} onChange={(_, data) => setRenewal(data.value)} />
          </Field>
          <Text weight="semibold">Identify internal key player changes</Text>
          <TeamFields
            team={team}
            roles={preview.roles}
            showMessages
            onChange={(role, name) => setTeam((current) => ({ ...current, [role]: name }))}
          />
          <Checkbox
            label="Carry the notes of tasks that recur"
            checked={notes}
            onChange={(_, data) => {
              setNotes(!!data.checked);
              void update({ ...choice, notes: !!data.checked });
            }}
          />
          <Checkbox
            label="Carry the rows you added"
            checked={ownRows}
            onChange={(_, data) => {
              setOwnRows(!!data.checked);
              void update({ ...choice, ownRows: !!data.checked });
            }}
          />
          <div className={styles.actions}>
            <BusyButton
              appearance="primary"
              busy={creating.busy}
              disabled={busy}
              onClick={() => (askFirst ? setConfirming(true) : void create())}
            >
              Create next term
            </BusyButton>
            <BusyButton busy={previewing.busy} disabled={busy} onClick={() => void update()}>
              Update preview
            </BusyButton>
            <Button appearance="subtle" disabled={busy} onClick={() => (setPreview(null), setRefused(null))}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        busy={creating.busy}
        error={null}
        title="Start the next term now?"
        confirmLabel="Start it now"
        onConfirm={() => void create()}
        onCancel={() => setConfirming(false)}
      >
        {preview?.timing.kind === "early" && (
          <Text>
            The renewal is {countOf(preview.timing.daysToRenewal, "day")} away; the 30 Days to Renewal work opens on{" "}
            <DateText iso={preview.timing.offeredFrom} missing="" />. Start the next term now only if you mean to.
          </Text>
        )}
      </ConfirmDialog>
    </section>
  );
}
