import { type Role, ROLES } from "./roles";
import type { Milestone, SubItem, Template, TemplateTask } from "./template";

/** The agency's Client Service Plan as data, line by line from the agency's own text (test/fixtures). */

const bind = (offsetDays: number): Milestone => ({ anchor: "bind", offsetDays });
const beforeRenewal = (days: number): Milestone => ({ anchor: "renewal", offsetDays: -days });

function task(id: string, text: string, owners: Role[], seed: string, items: [string, string][] = []): TemplateTask {
  return { id, text, owners, seed, items: items.map(([itemId, itemText]) => sub(`${id}.${itemId}`, itemText)) };
}

function sub(id: string, text: string, seed = text): SubItem {
  return { id, text, seed };
}

const AE: Role[] = ["AE"];
const PRODUCER_AE: Role[] = ["Producer", "AE"];

export const DEFAULT_TEMPLATE: Template = {
  name: "Client Service Plan",
  version: 1,
  roles: [...ROLES],
  sectionHeadings: ["Upon Binding:"],
  remarks: [
    {
      seed: "Click here to download the excel version of the Client Service Plan.",
      reason: "Link text from the agency's web page; this add-in is the Excel version.",
    },
    { seed: "-", reason: "Empty bullet under “Draft service plan”." },
    { seed: "Outline deliverables and responsibilities", reason: "Repeats the first line under “Draft service plan”." },
    { seed: "-", reason: "Empty bullet under “Schedule future internal meetings”." },
  ],
  phases: [
    {
      id: "bind-30",
      title: "30 Days",
      heading: "Client Service Plan Development",
      section: "Upon Binding",
      timing: { opens: bind(0), due: bind(30) },
      seed: "30 Days – Client Service Plan Development",
      tasks: [
        task("bind-30.service-team", "Identify Service Team", AE, "AE: Identify Service Team", [
          ["roles", "Producer, Claims, Marketing, Client Services, Loss Control, WC Recovery"],
        ]),
        task(
          "bind-30.strategy-session",
          "Set up an Internal Strategy Session",
          AE,
          "Set up an Internal Strategy Session",
          [["invite", "Invite: Service Team"]],
        ),
        task("bind-30.deliverables", "Identify Deliverables", AE, "Identify Deliverables", [
          ["carrier", "Carrier deliverables negotiated upon renewal"],
          ["services", "Loss Control/Claim Review/ Contract Review/ WC"],
        ]),
        task("bind-30.draft-plan", "Draft service plan", ["AE", "Associate AE"], "AE/Associate: Draft service plan", [
          ["responsibilities", "Outline deliverables and responsibilities"],
          ["service-areas", "Incorporate all service areas"],
        ]),
        task(
          "bind-30.intro-meeting",
          "Schedule intro meeting with client and service team",
          ["Producer", "AE", "Claims", "Loss Control"],
          "Producer/AE/Claims/Loss Control: Schedule intro meeting with client and service team",
        ),
        task(
          "bind-30.future-meetings",
          "Schedule future internal meetings (90/120/180 Days)",
          AE,
          "Schedule future internal meetings (90/120/180 Days)",
          [
            ["as-needed", "As needed – will change depending on client needs"],
            ["conference-call", "May be just a conference call"],
          ],
        ),
      ],
    },
    {
      id: "bind-60",
      title: "60 Days",
      heading: "Day-to Day activity",
      section: "Upon Binding",
      timing: { due: bind(60) },
      seed: "60 Days – Day-to Day activity",
      tasks: [
        task("bind-60.policy-delivery", "Confirm delivery of policies", AE, "Confirm delivery of policies", [
          ["delays", "Identify any possible delays"],
        ]),
        task("bind-60.loss-runs", "Obtain loss runs", ["AE", "Associate AE"], "AE/Associate AE: Obtain loss runs", [
          ["distribute", "Distribute to service team"],
        ]),
        task(
          "bind-60.feedback",
          "Feedback from Client/Service team/Carrier",
          AE,
          "Feedback from Client/Service team/Carrier",
          [
            ["comments", "Comments?"],
            ["concerns", "Concerns?"],
            ["recommendations", "Recommendations from carrier or team?"],
          ],
        ),
      ],
    },
    {
      id: "bind-90",
      title: "90 Days",
      heading: "Check Client Service Plan",
      section: "Upon Binding",
      timing: { due: bind(90) },
      seed: "90 Days – Check Client Service Plan",
      tasks: [
        task("bind-90.strategy-meeting", "Internal Strategy Meeting", AE, "Internal Strategy Meeting", [
          ["services-provided", "What services have been provided?"],
          ["trends", "What trends/problems have been identified?"],
          ["carrier-cooperation", "Carrier cooperation?"],
          ["stories", "Problems and Success Stories"],
        ]),
        task("bind-90.insurance-review", "Insurance Review Process Begins", AE, "Insurance Review Process Begins", [
          ["benchmarking", "Benchmarking"],
          ["account-rounding", "Policy Review- Account Rounding"],
        ]),
        task(
          "bind-90.plan-changes",
          "Identify and make necessary changes to the plan",
          AE,
          "Identify and make necessary changes to the plan",
          [["communicate", "Communicate potential changes to client"]],
        ),
      ],
    },
    {
      id: "midterm",
      title: "120-180 Days",
      heading: "Midterm",
      section: "Upon Binding",
      timing: { opens: bind(120), due: bind(180) },
      seed: "120 -180Days (Midterm)",
      tasks: [
        task("midterm.strategy-meeting", "Internal Strategy Meeting", AE, "Internal Strategy Meeting"),
        task("midterm.pulse", "“Pulse” on insured", ["Producer"], "Producer: “Pulse” on insured"),
        task("midterm.updates", "Updates", AE, "AE: Updates", [
          ["deliverables-status", "Current status of service deliverables/problems"],
        ]),
      ],
    },
    {
      id: "renewal-160",
      title: "160-120 Days to Renewal",
      heading: "Client Strategy Meeting",
      section: "Before Renewal",
      timing: { opens: beforeRenewal(160), due: beforeRenewal(120) },
      seed: "160 – 120 Days to Renewal – Client Strategy Meeting (Producer/AE)",
      tasks: [
        task(
          "renewal-160.underwriting",
          "Gather underwriting information",
          PRODUCER_AE,
          "Gather underwriting information",
        ),
        task("renewal-160.objectives", "Renewal Objectives Set", PRODUCER_AE, "Renewal Objectives Set"),
        task("renewal-160.marketing", "Work with Marketing", PRODUCER_AE, "Work with Marketing"),
        task("renewal-160.strategy", "Identify renewal strategy", PRODUCER_AE, "Identify renewal strategy"),
        task(
          "renewal-160.begin-renewal",
          "Begin renewal process – Refer to renewal process in SPIN",
          PRODUCER_AE,
          "Begin renewal process – Refer to renewal process in SPIN",
        ),
      ],
    },
    {
      id: "renewal-120",
      title: "120-90 Days to Renewal",
      heading: "Submit renewal",
      section: "Before Renewal",
      timing: { opens: beforeRenewal(120), due: beforeRenewal(90) },
      seed: "120-90 Days to Renewal",
      tasks: [
        task("renewal-120.submit", "Submit renewal – as per strategy", AE, "Submit renewal – as per strategy"),
        task(
          "renewal-120.stewardship",
          "Provide Stewardship Report to client",
          AE,
          "Provide Stewardship Report to client",
          [["branding", "Work with branding on the Stewardship template"]],
        ),
        task("renewal-120.claims-review", "Review Claims", AE, "Review Claims", [
          ["problems", "Identify problems/concerns"],
        ]),
      ],
    },
    {
      id: "renewal-60",
      title: "60 Days to Renewal",
      heading: "Proposal",
      section: "Before Renewal",
      timing: { due: beforeRenewal(60) },
      seed: "60 Days to Renewal",
      tasks: [
        task(
          "renewal-60.presentation-date",
          "Schedule renewal presentation date",
          AE,
          "Schedule renewal presentation date",
        ),
        task(
          "renewal-60.certificates",
          "Update certificate holders with client",
          AE,
          "Update certificate holders with client",
        ),
        task("renewal-60.proposal", "Complete proposal", AE, "Complete proposal"),
      ],
    },
    {
      id: "renewal-30",
      title: "30 Days to Renewal",
      heading: "Renewal",
      section: "Before Renewal",
      timing: { due: beforeRenewal(30) },
      seed: "30 Days to Renewal",
      tasks: [
        task("renewal-30.draft-plan", "Draft renewal Client Service Plan", AE, "Draft renewal Client Service Plan", [
          ["market-changes", "Identify market changes"],
          ["key-players", "Identify internal key player changes (Claims/Marketing/Support)"],
        ]),
        task(
          "renewal-30.confirm-delivery",
          "Confirm proposal delivery/presentation date with team/client",
          AE,
          "Confirm proposal delivery/presentation date with team/client",
        ),
        task(
          "renewal-30.coverage-changes",
          "Communicate any carrier or major coverage changes to team",
          AE,
          "Communicate any carrier or major coverage changes to team",
        ),
        task("renewal-30.terms-finalized", "Renewal terms finalized", AE, "Renewal terms finalized"),
        task("renewal-30.issue", "Issue", AE, "Issue", [
          ["binders", "Binders"],
          ["auto-ids", "Auto IDs"],
          ["certificates", "Certificates"],
          ["invoices", "Invoices"],
        ]),
        task(
          "renewal-30.finalize-plan",
          "Finalize Client Service Plan changes",
          AE,
          "Finalize Client Service Plan changes",
        ),
      ],
    },
  ],
};
