import { useMemo, useState, type FormEvent } from "react";
import { Caption1, Field, Input, Link, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { PlanError, type PlanService, type PlanSummary } from "../service/types";
import type { ServiceTeam } from "../plan/roles";
import { defaultRenewalIso } from "../plan/term";
import { checkPlanRequest, type Field as PlanField, type PlanRequest, type Problem } from "../plan/validate";
import { BusyButton } from "./components/BusyButton";
import { ErrorNotice, Notice } from "./components/Notice";
import { TeamFields } from "./components/TeamFields";
import { useAction } from "./hooks/useAction";
import { useSharedStyles } from "./styles";
import { filledTeam, loadRememberedTeam, rememberTeam } from "./teamStorage";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  team: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
});

/** Holiday dates typed one per line (commas and spaces also separate them). */
export function parseHolidays(text: string): string[] {
  return text.split(/[\s,;]+/).filter((entry) => entry !== "");
}

function messagesFor(problems: Problem[], field: PlanField): string | undefined {
  const messages = problems.filter((problem) => problem.field === field).map((problem) => problem.message);
  return messages.length ? messages.join(" ") : undefined;
}

interface NewPlanFormProps {
  service: PlanService;
  /** Called after the plan sheet exists, so the pane can show it as the active plan. */
  onCreated(plan: PlanSummary): void;
  /** Switches the pane to the new plan's overview. */
  onShowPlan(): void;
}

export function NewPlanForm({ service, onCreated, onShowPlan }: NewPlanFormProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [client, setClient] = useState("");
  const [bind, setBind] = useState("");
  const [renewal, setRenewal] = useState("");
  // The renewal follows the bind date until the user types a renewal date of their own.
  const [renewalEdited, setRenewalEdited] = useState(false);
  const [team, setTeam] = useState<ServiceTeam>(loadRememberedTeam);
  const [holidays, setHolidays] = useState("");
  // Field messages appear once the user has tried to create the plan, then follow each edit.
  const [attempted, setAttempted] = useState(false);
  const [serviceProblems, setServiceProblems] = useState<Problem[]>([]);
  const [created, setCreated] = useState<PlanSummary | null>(null);
  const creating = useAction();

  const request: PlanRequest = useMemo(
    () => ({
      client,
      bind,
      // Sent only once the user typed a renewal of their own: left out, the sheet's Renewal cell keeps its
      // formula and follows every later change of the Bind date.
      renewal: renewalEdited && renewal.trim() !== "" ? renewal : undefined,
      team: filledTeam(team),
      holidays: parseHolidays(holidays),
    }),
    [client, bind, renewal, renewalEdited, team, holidays],
  );
  const checked = useMemo(() => checkPlanRequest(request), [request]);
  const problems = [...(attempted && !checked.ok ? checked.problems : []), ...serviceProblems];

  const edited = () => {
    setServiceProblems([]);
    setCreated(null);
    creating.clearError();
  };

  const changeBind = (value: string) => {
    setBind(value);
    if (!renewalEdited) setRenewal(defaultRenewalIso(value));
    edited();
  };

  const changeRenewal = (value: string) => {
    setRenewal(value);
    // Clearing the renewal hands it back to the bind date.
    setRenewalEdited(value !== "");
    edited();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setServiceProblems([]);
    setCreated(null);
    if (!checked.ok) return;
    rememberTeam(filledTeam(team));
    const result = await creating.run("create the plan", async () => {
      try {
        return await service.createPlan(request);
      } catch (failure) {
        if (failure instanceof PlanError) setServiceProblems(failure.problems);
        throw failure;
      }
    });
    if (!result) return;
    if (!result.ok) {
      setServiceProblems(result.problems);
      return;
    }
    setCreated(result.plan);
    setAttempted(false);
    setClient("");
    setBind("");
    setRenewal("");
    setRenewalEdited(false);
    onCreated(result.plan);
  };

  const fieldState = (message: string | undefined) => (message ? "error" : "none");
  const clientMessage = messagesFor(problems, "client");
  const bindMessage = messagesFor(problems, "bind");
  const renewalMessage = messagesFor(problems, "renewal");
  const holidaysMessage = messagesFor(problems, "holidays");
  // Team problems from the service cannot be tied to one role; show them with the group.
  const teamGroupMessage = messagesFor(serviceProblems, "team");
  const invalidCount = attempted && !checked.ok ? checked.problems.length : 0;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="new-plan-heading">
      <Subtitle2 as="h2" id="new-plan-heading" className={shared.heading}>
        New plan
      </Subtitle2>
      <Field label="Client name" required validationMessage={clientMessage} validationState={fieldState(clientMessage)}>
        <Input
          value={client}
          onChange={(_, data) => {
            setClient(data.value);
            edited();
          }}
          autoComplete="organization"
        />
      </Field>
      <Field label="Bind date" required validationMessage={bindMessage} validationState={fieldState(bindMessage)}>
        <Input type="date" value={bind} onChange={(_, data) => changeBind(data.value)} />
      </Field>
      <Field
        label="Renewal date"
        hint={renewalEdited ? undefined : "One year after the bind date unless you change it."}
        validationMessage={renewalMessage}
        validationState={fieldState(renewalMessage)}
      >
        <Input type="date" value={renewal} onChange={(_, data) => changeRenewal(data.value)} />
      </Field>
      <fieldset className={styles.team} aria-describedby="team-hint">
        <legend>
          <Subtitle2 as="h3" className={shared.heading}>
            Service team
          </Subtitle2>
        </legend>
        <Caption1 id="team-hint">
          One name per role; leave a role empty if nobody fills it. Remembered for the next plan.
        </Caption1>
        <TeamFields
          team={team}
          showMessages={attempted}
          autoComplete="name"
          onChange={(role, name) => {
            setTeam((current) => ({ ...current, [role]: name }));
            edited();
          }}
        />
        <ErrorNotice error={teamGroupMessage} />
      </fieldset>
      <Field
        label="Holidays (optional)"
        hint="Office closures, one date per line as YYYY-MM-DD. Due dates move to the working day before."
        validationMessage={holidaysMessage}
        validationState={fieldState(holidaysMessage)}
      >
        <Textarea
          value={holidays}
          resize="vertical"
          onChange={(_, data) => {
            setHolidays(data.value);
            edited();
          }}
        />
      </Field>
      {invalidCount > 0 && (
        <Notice key={`invalid-${invalidCount}`} intent="error">
          {invalidCount === 1 ? "One field needs attention" : `${invalidCount} fields need attention`} before the plan
          can be created.
        </Notice>
      )}
      <ErrorNotice error={creating.error} title="The plan was not created" />
      {!creating.error && serviceProblems.length > 0 && (
        <Notice key={serviceProblems.map((p) => p.message).join()} intent="error" title="The plan was not created">
          Check the fields marked above.
        </Notice>
      )}
      {created && (
        <Notice key={created.sheetId} intent="success" title="Plan created">
          The plan for {created.client} is on the sheet “{created.sheetName}”.{" "}
          <Link as="button" type="button" onClick={onShowPlan}>
            See it at a glance
          </Link>
        </Notice>
      )}
      <BusyButton type="submit" appearance="primary" busy={creating.busy}>
        {creating.busy ? "Creating plan…" : "Create plan"}
      </BusyButton>
    </form>
  );
}
