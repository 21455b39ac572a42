import type { TemplateProblem } from "../../plan/template-read";

/** How many of a template's problems the pane lists; the rest are counted. */
const SHOWN = 3;

/**
 * The first problems of a template sheet, each where it is ("Row 35 (G35): ..."), so the person can go and fix
 * it; the full list is the sheet's own checks (or `service-plan template --check`).
 */
export function TemplateProblems({ problems }: { problems: readonly TemplateProblem[] }) {
  const rest = problems.length - SHOWN;
  return (
    <ul>
      {problems.slice(0, SHOWN).map((problem) => (
        <li key={`${problem.cell}-${problem.field}-${problem.message}`}>
          Row {problem.row} ({problem.cell}): {problem.message}
        </li>
      ))}
      {rest > 0 && <li>… and {rest === 1 ? "one more problem" : `${rest} more problems`}.</li>}
    </ul>
  );
}
