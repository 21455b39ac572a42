import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import {
  Caption1,
  Field,
  Input,
  Link,
  Select,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  PlanError,
  type PlanService,
  type PlanSummary,
  type TemplateSummary,
  type TemplatesView,
} from "../service/types";
import { holidaysWithinTerm } from "../plan/agency-holidays";
import { ROLES, type ServiceTeam } from "../plan/roles";
import { defaultRenewalIso } from "../plan/term";
import { checkPlanRequest, type Field as PlanField, type PlanRequest, type Problem } from "../plan/validate";
import { BusyButton } from "./components/BusyButton";
import { inputDate } from "./components/DateText";
import { ErrorNotice, Notice } from "./components/Notice";
import { TeamFields } from "./components/TeamFields";
import { TemplateProblems } from "./components/TemplateProblems";
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

/** The template a new plan is made from by default: the first that passes its checks. */
function firstUsable(view: TemplatesView): TemplateSummary | undefined {
  return view.templates.find((template) => template.problems.length === 0);
}

interface NewPlanFormProps {
  service: PlanService;
  /** Changes when a person edited a template sheet: the form reads the templates again. */
  templateEdits?: number;
  /** Called after the plan sheet exists, so the pane can show it as the active plan. */
  onCreated(plan: PlanSummary): void;
  /** Switches the pane to the new plan's overview. */
  onShowPlan(): void;
}

export function NewPlanForm({ service, templateEdits = 0, onCreated, onShowPlan }: NewPlanFormProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [client, setClient] = useState("");
  const [bind, setBind] = useState("");
  const [renewal, setRenewal] = useState("");
  // The renewal follows the bind date until the user types a renewal date of their own.
  const [renewalEdited, setRenewalEdited] = useState(false);
  const [team, setTeam] = useState<ServiceTeam>(loadRememberedTeam);
  const [holidays, setHolidays] = useState("");
  // The agency's holidays within the term fill the field until the person types holidays of this plan's own.
  const [holidaysEdited, setHolidaysEdited] = useState(false);
  const [templates, setTemplates] = useState<TemplatesView | null>(null);
  const [templateName, setTemplateName] = useState<string | null>(null);
  const [addedSheet, setAddedSheet] = useState<string | null>(null);
  const reading = useAction();
  const adding = useAction();
  // Field messages appear once the user has tried to create the plan, then follow each edit.
  const [attempted, setAttempted] = useState(false);
  const [serviceProblems, setServiceProblems] = useState<Problem[]>([]);
  const [created, setCreated] = useState<PlanSummary | null>(null);
  const creating = useAction();

  const readTemplates = useCallback(async () => {
    const view = await reading.run("read the workbook's templates", () => service.templates());
    if (!view) return;
    setTemplates(view);
    // The chosen template stays chosen while it is still there and usable.
    setTemplateName((current) => {
      const still = view.templates.find((t) => t.name === current && t.problems.length === 0);
      return still ? still.name : (firstUsable(view)?.name ?? null);
    });
  }, [service, reading.run]);
  useEffect(() => {
    void readTemplates();
  }, [readTemplates, templateEdits]);

  const chosen = templates?.templates.find((t) => t.name === templateName);
  const roles = chosen?.roles ?? ROLES;
  const broken = templates?.templates.filter((t) => t.problems.length > 0) ?? [];

  const request: PlanRequest = useMemo(
    () => ({
      client,
      bind,
      // Sent only once the user typed a renewal of their own: left out, the sheet's Renewal cell keeps its
      // formula and follows every later change of the Bind date.
      renewal: renewalEdited && renewal.trim() !== "" ? renewal : undefined,
      team: filledTeam(team, roles),
      holidays: parseHolidays(holidays),
    }),
    [client, bind, renewal, renewalEdited, team, holidays, roles],
  );
  // Bind and renewal messages name dates as the date fields show them.
  const checked = useMemo(() => checkPlanRequest(request, roles, inputDate), [request, roles]);

  // The agency's holidays within the plan's term, until the person edits the field.
  const agencyHolidays = templates?.holidays;
  const termEnd = renewal || defaultRenewalIso(bind);
  useEffect(() => {
    if (holidaysEdited || !agencyHolidays) return;
    setHolidays(holidaysWithinTerm(agencyHolidays, bind, termEnd).join("\n"));
  }, [agencyHolidays, bind, termEnd, holidaysEdited]);
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
    // Every role typed is remembered, those of other templates too.
    rememberTeam(filledTeam(team, Object.keys(team)));
    const result = await creating.run("create the plan", async () => {
      try {
        // The built-in template goes unnamed: a workbook without template sheets has only that one.
        return await service.createPlan(request, chosen?.sheetName ? chosen.name : undefined);
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
    setHolidaysEdited(false);
    onCreated(result.plan);
  };

  const addTemplateSheet = async () => {
    setAddedSheet(null);
    const added = await adding.run("add the template sheet", () => service.addTemplateSheet());
    if (!added) return;
    setAddedSheet(added.sheetName);
    await readTemplates();
  };

  const fieldState = (message: string | undefined) => (message ? "error" : "none");
  const clientMessage = messagesFor(problems, "client");
  const bindMessage = messagesFor(problems, "bind");
  const renewalMessage = messagesFor(problems, "renewal");
  const holidaysMessage = messagesFor(problems, "holidays");
  const templateMessage = messagesFor(serviceProblems, "template");
  // Team problems from the service cannot be tied to one role; show them with the group.
  const teamGroupMessage = messagesFor(serviceProblems, "team");
  const invalidCount = attempted && !checked.ok ? checked.problems.length : 0;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="new-plan-heading">
      <Subtitle2 as="h2" id="new-plan-heading" className={shared.heading}>
        New plan
      </Subtitle2>
      {templates && templates.templates.length > 1 && (
        <Field
          label="Template"
          hint={chosen?.version ? `Version ${chosen.version}.` : undefined}
          validationMessage={templateMessage}
          validationState={fieldState(templateMessage)}
        >
          <Select
            value={templateName ?? ""}
            onChange={(_, data) => {
              setTemplateName(data.value);
              edited();
            }}
          >
            {templateName === null && <option value="">No template can be used</option>}
            {templates.templates.map((template) => (
              <option
                key={template.sheetName ?? template.name}
                value={template.name}
                disabled={template.problems.length > 0}
              >
                {template.problems.length > 0 ? `${template.name} (has problems)` : template.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {templates && templates.templates.length <= 1 && templateMessage && <ErrorNotice error={templateMessage} />}
      {broken.map((template) => (
        <Notice
          key={`${template.sheetName}-${template.problems.length}`}
          intent="warning"
          title={`“${template.name}” cannot make a plan yet`}
        >
          Fix its sheet “{template.sheetName}” first:
          <TemplateProblems problems={template.problems} />
        </Notice>
      ))}
      {templates?.holidaysSheet && templates.holidaysSheet.problems.length > 0 && (
        <Notice
          key={`holidays-${templates.holidaysSheet.problems.length}`}
          intent="warning"
          title="Some of the agency's holidays cannot be read"
        >
          Those rows of the sheet “{templates.holidaysSheet.sheetName}” are not offered below:
          <TemplateProblems problems={templates.holidaysSheet.problems} />
        </Notice>
      )}
      <ErrorNotice error={reading.error} />
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
          roles={roles}
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
        hint={
          templates?.holidaysSheet
            ? `Office closures, one date per line as YYYY-MM-DD: the agency's (sheet “${templates.holidaysSheet.sheetName}”) within the term; change them for this plan if it differs. Due dates move to the working day before.`
            : "Office closures, one date per line as YYYY-MM-DD. Due dates move to the working day before."
        }
        validationMessage={holidaysMessage}
        validationState={fieldState(holidaysMessage)}
      >
        <Textarea
          value={holidays}
          resize="vertical"
          onChange={(_, data) => {
            setHolidays(data.value);
            setHolidaysEdited(true);
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
      <BusyButton type="submit" appearance="primary" busy={creating.busy} disabled={templates !== null && !chosen}>
        {creating.busy ? "Creating plan…" : "Create plan"}
      </BusyButton>
      <section className={styles.team} aria-labelledby="agency-template-heading">
        <Subtitle2 as="h3" id="agency-template-heading" className={shared.heading}>
          Your agency&rsquo;s template
        </Subtitle2>
        <Caption1>
          Add the plan&rsquo;s template as a sheet to edit: tasks, owners, timing and roles. Plans made from it record
          its name and version; raise the version, and Update offers the change to each plan.
        </Caption1>
        <BusyButton type="button" busy={adding.busy} onClick={() => void addTemplateSheet()}>
          {adding.busy ? "Adding the template sheet…" : "Add the template sheet to this workbook"}
        </BusyButton>
        <ErrorNotice error={adding.error} title="The template sheet was not added" />
        {addedSheet && (
          <Notice key={addedSheet} intent="success" title="Template sheet added">
            The template is on the sheet “{addedSheet}”; edit it there, and it is checked as you type.
          </Notice>
        )}
      </section>
    </form>
  );
}
