import { useState } from "react";
import { Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ServiceTeam } from "../plan/roles";
import type { PlanDetail, PlanService, RepairPreview, UpdateChange, UpdatePreview } from "../service/types";
import { BusyButton } from "./components/BusyButton";
import { ConfirmDialog } from "./components/ConfirmDialog";
import { ErrorNotice, Notice } from "./components/Notice";
import { PreviewList, useBulletStyles } from "./components/PreviewList";
import { TeamFields, teamFieldsValid } from "./components/TeamFields";
import { countOf } from "./count";
import { usePreviewFlow } from "./hooks/usePreviewFlow";
import { useSharedStyles } from "./styles";
import { filledTeam } from "./teamStorage";

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

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

const keptSentence = (entries: number) =>
  `${countOf(entries, "entry", "entries")} you made ${entries === 1 ? "is" : "are"} kept.`;

/** Changes to an existing plan, always previewed first: a new service team, a newer template, repaired formulas. */
export function UpdateRepair({ service, plan, onChanged }: UpdateRepairProps) {
  const shared = useSharedStyles();
  const styles = useStyles();
  const list = useBulletStyles();
  const [team, setTeam] = useState<ServiceTeam>(() => ({ ...plan.team }));
  const [teamAttempted, setTeamAttempted] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const update = usePreviewFlow<PendingUpdate>();
  const repair = usePreviewFlow<RepairPreview>();

  const previewUpdate = async (what: PendingUpdate["what"], change: UpdateChange) => {
    setOutcome(null);
    await update.preview(`preview the ${what}`, async () => ({
      what,
      change,
      preview: await service.previewUpdate(plan.sheetId, change),
    }));
  };

  const previewTeamUpdate = async () => {
    setTeamAttempted(true);
    if (teamFieldsValid(team, plan.roles)) {
      await previewUpdate("service team update", { team: filledTeam(team, plan.roles) });
    }
  };

  const applyUpdate = async () => {
    const what = update.pending?.what;
    const applied = await update.apply(`apply the ${what}`, ({ change }) => service.applyUpdate(plan.sheetId, change));
    if (!applied) return;
    const kept = applied.keptEntries > 0 ? ` ${keptSentence(applied.keptEntries)}` : "";
    setOutcome(
      `${what === "template update" ? "Plan template" : "Service team"} updated on “${plan.sheetName}”.${kept}`,
    );
    onChanged();
  };

  const checkFormulas = async () => {
    setOutcome(null);
    const preview = await repair.preview(
      "check the plan's formulas",
      () => service.previewRepair(plan.sheetId),
      (found) => found.cells.length > 0,
    );
    if (preview?.cells.length === 0) setOutcome("All date formulas are intact. Nothing to repair.");
  };

  const applyRepair = async () => {
    const repaired = await repair.apply("repair the formulas", () => service.applyRepair(plan.sheetId));
    if (!repaired) return;
    setOutcome(
      `Repaired ${countOf(repaired.cells.length, "cell")}. The dates follow the bind and renewal dates again.`,
    );
    onChanged();
  };

  const updatePreview = update.pending?.preview ?? null;
  const repairPreview = repair.pending;

  return (
    <section className={shared.section} aria-labelledby="update-heading">
      <Subtitle2 as="h2" id="update-heading" className={shared.heading}>
        Update &amp; repair “{plan.client || plan.sheetName}”
      </Subtitle2>
      {outcome && (
        <Notice key={outcome} intent="success">
          {outcome}
        </Notice>
      )}
      <ErrorNotice error={update.previewing.error ?? repair.previewing.error} />

      <section className={shared.section} aria-labelledby="update-team-heading">
        <Subtitle2 as="h3" id="update-team-heading" className={shared.heading}>
          Service team
        </Subtitle2>
        <Caption1>Change names, then preview. Statuses, dates and notes people entered are kept.</Caption1>
        <TeamFields
          team={team}
          roles={plan.roles}
          showMessages={teamAttempted}
          onChange={(role, name) => setTeam((current) => ({ ...current, [role]: name }))}
        />
        <div className={styles.actions}>
          <BusyButton appearance="primary" busy={update.previewing.busy} onClick={() => void previewTeamUpdate()}>
            Update service team
          </BusyButton>
        </div>
      </section>

      {plan.templateVersion < plan.latestTemplateVersion && (
        <section className={shared.section} aria-labelledby="template-heading">
          <Subtitle2 as="h3" id="template-heading" className={shared.heading}>
            Plan template
          </Subtitle2>
          <Caption1>
            This sheet follows version {plan.templateVersion} of the template “{plan.templateName}”; version{" "}
            {plan.latestTemplateVersion} is available. Rows are rebuilt in the new order; statuses, dates and notes
            people entered, and rows they added, are kept.
          </Caption1>
          <div className={styles.actions}>
            <BusyButton
              busy={update.previewing.busy}
              onClick={() => void previewUpdate("template update", { upgradeTemplate: true })}
            >
              Update to the new template
            </BusyButton>
          </div>
        </section>
      )}

      <section className={shared.section} aria-labelledby="repair-heading">
        <Subtitle2 as="h3" id="repair-heading" className={shared.heading}>
          Date formulas
        </Subtitle2>
        <Caption1>Finds Opens and Due cells someone typed over or broke, and puts the formulas back.</Caption1>
        <div className={styles.actions}>
          <BusyButton busy={repair.previewing.busy} onClick={() => void checkFormulas()}>
            Check formulas
          </BusyButton>
        </div>
      </section>

      <ConfirmDialog
        {...update.dialog}
        title={update.pending?.what === "template update" ? "Update to the new template?" : "Update the service team?"}
        confirmLabel="Apply update"
        onConfirm={() => void applyUpdate()}
      >
        {updatePreview && (
          <>
            {updatePreview.changes.length === 0 ? (
              <Text>Nothing on the sheet changes.</Text>
            ) : (
              <PreviewList title="Changes" items={updatePreview.changes} />
            )}
            {updatePreview.keptEntries > 0 && <Text>{keptSentence(updatePreview.keptEntries)}</Text>}
            <PreviewList title="What you typed, and where it goes" items={updatePreview.kept} />
            <PreviewList title="Tasks added" items={updatePreview.addedTasks} />
            <PreviewList title="Rows kept below the table" items={updatePreview.removedTasks} />
          </>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        {...repair.dialog}
        title="Repair the date formulas?"
        confirmLabel={`Repair ${countOf(repairPreview?.cells.length ?? 0, "cell")}`}
        onConfirm={() => void applyRepair()}
      >
        {repairPreview && (
          <>
            <Text>These cells no longer hold the plan&apos;s date formula:</Text>
            <ul className={list.bullets} aria-label="Cells to repair">
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
