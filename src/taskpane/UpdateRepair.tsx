import { useState, type ReactNode } from "react";
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanDetail, PlanService, RepairPreview, UpdateChange, UpdatePreview } from "../service/types";
import { ROLES, type ServiceTeam } from "../plan/roles";
import { checkTeam } from "../plan/validate";
import { BusyButton, Notice } from "./common";
import { countOf } from "./messages";
import { filledTeam } from "./teamStorage";
import { useAction } from "./useAction";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0 },
  team: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  dialogContent: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

function PreviewList({ title, items }: { title: string; items: string[] }) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <>
      <Text weight="semibold">{title}</Text>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm(): void;
  onCancel(): void;
  children: ReactNode;
}

/** Shows what a change will do and asks before doing it. */
function ConfirmDialog({ open, title, confirmLabel, busy, error, onConfirm, onCancel, children }: ConfirmDialogProps) {
  const styles = useStyles();
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && !busy && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.dialogContent}>
            {children}
            {error && (
              <Notice key={error} intent="error">
                {error}
              </Notice>
            )}
          </DialogContent>
          <DialogActions>
            <BusyButton appearance="primary" busy={busy} onClick={onConfirm}>
              {confirmLabel}
            </BusyButton>
            <Button appearance="secondary" disabled={busy} onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** A previewed update waiting for the person's confirmation. */
interface PendingUpdate {
  what: "service team update" | "template update";
  change: UpdateChange;
  preview: UpdatePreview;
}

interface UpdateRepairProps {
  service: PlanService;
  plan: PlanDetail;
  onChanged(): void;
}

/** Changes to an existing plan, always previewed first: a new service team, repaired date formulas. */
export function UpdateRepair({ service, plan, onChanged }: UpdateRepairProps) {
  const styles = useStyles();
  const [team, setTeam] = useState<ServiceTeam>(() => ({ ...plan.team }));
  const [teamAttempted, setTeamAttempted] = useState(false);
  const [pendingUpdate, setPendingUpdate] = useState<PendingUpdate | null>(null);
  const updatePreview = pendingUpdate?.preview ?? null;
  const [repairPreview, setRepairPreview] = useState<RepairPreview | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const previewingUpdate = useAction();
  const applyingUpdate = useAction();
  const previewingRepair = useAction();
  const applyingRepair = useAction();

  const teamMessages = ROLES.map((role) => {
    const checked = checkTeam({ [role]: team[role] ?? "" });
    return checked.ok ? undefined : checked.problems.map((problem) => problem.message).join(" ");
  });
  const teamValid = teamMessages.every((message) => message === undefined);

  const previewUpdate = async (what: PendingUpdate["what"], change: UpdateChange) => {
    setOutcome(null);
    const preview = await previewingUpdate.run(`preview the ${what}`, () =>
      service.previewUpdate(plan.sheetId, change),
    );
    if (preview) {
      applyingUpdate.clearError();
      setPendingUpdate({ what, change, preview });
    }
  };

  const previewTeamUpdate = async () => {
    setTeamAttempted(true);
    if (teamValid) await previewUpdate("service team update", { team: filledTeam(team) });
  };

  const applyUpdate = async () => {
    if (!pendingUpdate) return;
    const { what, change } = pendingUpdate;
    const applied = await applyingUpdate.run(`apply the ${what}`, () => service.applyUpdate(plan.sheetId, change));
    if (!applied) return;
    setPendingUpdate(null);
    const kept =
      applied.keptEntries > 0
        ? ` ${countOf(applied.keptEntries, "entry", "entries")} you made ${applied.keptEntries === 1 ? "is" : "are"} kept.`
        : "";
    setOutcome(
      `${what === "template update" ? "Plan template" : "Service team"} updated on “${plan.sheetName}”.${kept}`,
    );
    onChanged();
  };

  const checkFormulas = async () => {
    setOutcome(null);
    const preview = await previewingRepair.run("check the plan's formulas", () => service.previewRepair(plan.sheetId));
    if (!preview) return;
    if (preview.cells.length === 0) {
      setOutcome("All date formulas are intact. Nothing to repair.");
      return;
    }
    applyingRepair.clearError();
    setRepairPreview(preview);
  };

  const applyRepair = async () => {
    const repaired = await applyingRepair.run("repair the formulas", () => service.applyRepair(plan.sheetId));
    if (!repaired) return;
    setRepairPreview(null);
    setOutcome(
      `Repaired ${countOf(repaired.cells.length, "cell")}. The dates follow the bind and renewal dates again.`,
    );
    onChanged();
  };

  const error = previewingUpdate.error ?? previewingRepair.error;

  return (
    <section className={styles.section} aria-labelledby="update-heading">
      <Subtitle2 as="h2" id="update-heading" className={styles.heading}>
        Update &amp; repair “{plan.client || plan.sheetName}”
      </Subtitle2>
      {outcome && (
        <Notice key={outcome} intent="success">
          {outcome}
        </Notice>
      )}
      {error && (
        <Notice key={error} intent="error">
          {error}
        </Notice>
      )}

      <section className={styles.section} aria-labelledby="update-team-heading">
        <Subtitle2 as="h3" id="update-team-heading" className={styles.heading}>
          Service team
        </Subtitle2>
        <Caption1>Change names, then preview. Statuses, dates and notes people entered are kept.</Caption1>
        <div className={styles.team}>
          {ROLES.map((role, index) => {
            const message = teamAttempted ? teamMessages[index] : undefined;
            return (
              <Field key={role} label={role} validationMessage={message} validationState={message ? "error" : "none"}>
                <Input
                  value={team[role] ?? ""}
                  onChange={(_, data) => setTeam((current) => ({ ...current, [role]: data.value }))}
                />
              </Field>
            );
          })}
        </div>
        <div className={styles.actions}>
          <BusyButton appearance="primary" busy={previewingUpdate.busy} onClick={() => void previewTeamUpdate()}>
            Update service team
          </BusyButton>
        </div>
      </section>

      {plan.templateVersion < plan.latestTemplateVersion && (
        <section className={styles.section} aria-labelledby="template-heading">
          <Subtitle2 as="h3" id="template-heading" className={styles.heading}>
            Plan template
          </Subtitle2>
          <Caption1>
            This sheet follows version {plan.templateVersion} of the agency&apos;s plan; version{" "}
            {plan.latestTemplateVersion} is available. Rows are rebuilt in the new order; statuses, dates and notes
            people entered, and rows they added, are kept.
          </Caption1>
          <div className={styles.actions}>
            <BusyButton
              busy={previewingUpdate.busy}
              onClick={() => void previewUpdate("template update", { upgradeTemplate: true })}
            >
              Update to the new template
            </BusyButton>
          </div>
        </section>
      )}

      <section className={styles.section} aria-labelledby="repair-heading">
        <Subtitle2 as="h3" id="repair-heading" className={styles.heading}>
          Date formulas
        </Subtitle2>
        <Caption1>Finds Opens and Due cells someone typed over or broke, and puts the formulas back.</Caption1>
        <div className={styles.actions}>
          <BusyButton busy={previewingRepair.busy} onClick={() => void checkFormulas()}>
            Check formulas
          </BusyButton>
        </div>
      </section>

      <ConfirmDialog
        open={updatePreview !== null}
        title={pendingUpdate?.what === "template update" ? "Update to the new template?" : "Update the service team?"}
        confirmLabel="Apply update"
        busy={applyingUpdate.busy}
        error={applyingUpdate.error}
        onConfirm={() => void applyUpdate()}
        onCancel={() => setPendingUpdate(null)}
      >
        {updatePreview && (
          <>
            {updatePreview.changes.length === 0 ? (
              <Text>Nothing on the sheet changes.</Text>
            ) : (
              <PreviewList title="Changes" items={updatePreview.changes} />
            )}
            {updatePreview.keptEntries > 0 && (
              <Text>
                {countOf(updatePreview.keptEntries, "entry", "entries")} you made{" "}
                {updatePreview.keptEntries === 1 ? "is" : "are"} kept.
              </Text>
            )}
            <PreviewList title="What you typed, and where it goes" items={updatePreview.kept} />
            <PreviewList title="Tasks added" items={updatePreview.addedTasks} />
            <PreviewList title="Rows kept below the table" items={updatePreview.removedTasks} />
          </>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        open={repairPreview !== null}
        title="Repair the date formulas?"
        confirmLabel={`Repair ${countOf(repairPreview?.cells.length ?? 0, "cell")}`}
        busy={applyingRepair.busy}
        error={applyingRepair.error}
        onConfirm={() => void applyRepair()}
        onCancel={() => setRepairPreview(null)}
      >
        {repairPreview && (
          <>
            <Text>These cells no longer hold the plan&apos;s date formula:</Text>
            <ul className={styles.list} aria-label="Cells to repair">
              {repairPreview.cells.map((cell) => (
                <li key={cell.address}>
                  <Text weight="semibold">{cell.address}</Text> ({cell.column}) · {cell.task} · found{" "}
                  {cell.found === "" ? "nothing" : `“${cell.found}”`}
                  {cell.keptInNotes && " (kept in the task's Notes)"}
                </li>
              ))}
            </ul>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
