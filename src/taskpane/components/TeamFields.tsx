import { Field, Input } from "@fluentui/react-components";
import { ROLES, type Role, type RoleList, type ServiceTeam } from "../../plan/roles";
import { checkTeam } from "../../plan/validate";

/** What is wrong with the name typed for `role`, by the rules every team is checked by; undefined when nothing. */
export function teamFieldMessage(team: ServiceTeam, role: Role, roles: RoleList = ROLES): string | undefined {
  const checked = checkTeam({ [role]: team[role] ?? "" }, roles);
  return checked.ok ? undefined : checked.problems.map((problem) => problem.message).join(" ");
}

/** Whether every name typed is one a plan accepts. */
export function teamFieldsValid(team: ServiceTeam, roles: RoleList = ROLES): boolean {
  return roles.every((role) => teamFieldMessage(team, role, roles) === undefined);
}

interface TeamFieldsProps {
  team: ServiceTeam;
  /** The roles of the plan's template, in its order (the built-in template's by default). */
  roles?: RoleList;
  onChange(role: Role, name: string): void;
  /** Show each role's message (once the person tried to go on). */
  showMessages: boolean;
  autoComplete?: string;
}

/** One field a role, for the New plan form and the team update alike. */
export function TeamFields({ team, roles = ROLES, onChange, showMessages, autoComplete }: TeamFieldsProps) {
  return (
    <>
      {roles.map((role) => {
        const message = showMessages ? teamFieldMessage(team, role, roles) : undefined;
        return (
          <Field key={role} label={role} validationMessage={message} validationState={message ? "error" : "none"}>
            <Input
              value={team[role] ?? ""}
              onChange={(_, data) => onChange(role, data.value)}
              autoComplete={autoComplete}
            />
          </Field>
        );
      })}
    </>
  );
}
