#!/usr/bin/env node
/**
 * The workbooks every check of the file writer covers: the demo, the awkward dates and the client names that
 * have broken spreadsheet writers before, and workbooks of several plans (added with `--add`) and their Book
 * overview. `node scripts/workbook-cases.js DIR` writes each with the built
 * command line (`npm run build:cli`) as DIR/<case>.xlsx; .ci/run validates them against ECMA-376 and the
 * package test (test/xlsx) reads the same cases.
 */
const { execFileSync } = require("child_process");
const { mkdirSync } = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const examples = (name) => path.join(root, "examples", name);

/** A client name of exactly 120 characters (the longest accepted), with ampersands the header must double. */
const LONGEST_NAME =
  "Northern Ohio & Western Pennsylvania Precision Tool & Die Manufacturing Cooperative & Affiliated Holding Companies, LLC.";

const CASES = [
  {
    name: "demo",
    args: ["--client", "Acme Manufacturing, Inc.", "--bind", "2027-01-15", "--team", examples("team.json")],
  },
  { name: "leap-day-bind", args: ["--client", "Leap Day Logistics", "--bind", "2028-02-29"] },
  { name: "short-term", args: ["--client", "Short Term LLC", "--bind", "2027-01-15", "--renewal", "2027-04-01"] },
  {
    name: "holidays",
    args: ["--client", "Holiday Hotels", "--bind", "2027-01-15", "--holidays", examples("holidays.txt")],
  },
  { name: "formula-name", args: ["--client", "=1+1", "--bind", "2027-01-15"] },
  { name: "forbidden-characters", args: ["--client", "Smith & Sons [Trust]: *2027*?", "--bind", "2027-01-15"] },
  {
    name: "emoji",
    // A flag (two regional indicators) and a family joined by zero-width joiners, across the sheet name's
    // 31-character cut: cut between code points, the family would lose members.
    args: [
      "--client",
      "Family Farms Co-op \u{1F1FA}\u{1F1F8} \u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} Trust",
      "--bind",
      "2027-01-15",
    ],
  },
  { name: "longest-name", args: ["--client", LONGEST_NAME, "--bind", "2027-01-15"] },
  { name: "longest-ampersands", args: ["--client", "&".repeat(120), "--bind", "2027-01-15"] },
  // `add`: plans added to the case's workbook afterwards, each with `new ... --add`.
  {
    name: "added-plan",
    args: ["--client", "Acme Manufacturing, Inc.", "--bind", "2027-01-15", "--team", examples("team.json")],
    add: [
      [
        "--client",
        "Acme Manufacturing, Inc.",
        "--bind",
        "2027-06-01",
        "--holidays",
        examples("holidays.txt"),
        "--again",
      ],
    ],
  },
  {
    // The Book overview of a workbook of every awkward client above: its formulas quote each sheet's name.
    name: "book",
    args: ["--client", "Acme Manufacturing, Inc.", "--bind", "2027-01-15", "--team", examples("team.json")],
    add: [
      ["--client", "O'Brien & Sons", "--bind", "2027-01-15", "--team", examples("team.json")],
      ["--client", "Leap Day Logistics", "--bind", "2028-02-29"],
      ["--client", "Short Term LLC", "--bind", "2027-01-15", "--renewal", "2027-04-01"],
      ["--client", "=1+1", "--bind", "2027-01-15"],
      ["--client", "Smith & Sons [Trust]: *2027*?", "--bind", "2027-01-15"],
      [
        "--client",
        "Family Farms Co-op \u{1F1FA}\u{1F1F8} \u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} Trust",
        "--bind",
        "2027-01-15",
      ],
      ["--client", LONGEST_NAME, "--bind", "2027-01-15"],
      ["--client", "&".repeat(120), "--bind", "2027-01-15"],
    ],
  },
];

/**
 * Templates workbooks (`service-plan template --export`): written by the main below beside the plan cases, so
 * .ci/run validates them too; the plan-sheet tests of test/xlsx read CASES only.
 */
const TEMPLATE_CASES = [{ name: "template", args: ["template", "--export"] }];

/** Writes every templates workbook case into `dir`; returns the files written. */
function writeTemplateCases(dir) {
  mkdirSync(dir, { recursive: true });
  const cli = path.join(root, "bin", "service-plan.js");
  return TEMPLATE_CASES.map(({ name, args }) => {
    const out = path.join(dir, `${name}.xlsx`);
    execFileSync(process.execPath, [cli, ...args, out, "--force"], { stdio: ["ignore", "ignore", "inherit"] });
    return out;
  });
}

/** Writes every case (or those named in `only`) into `dir`; returns the files written, in case order. */
function writeCases(dir, only) {
  mkdirSync(dir, { recursive: true });
  const cli = path.join(root, "bin", "service-plan.js");
  const run = (args) =>
    execFileSync(process.execPath, [cli, "new", ...args], { stdio: ["ignore", "ignore", "inherit"] });
  return CASES.filter(({ name }) => !only || only.includes(name)).map(({ name, args, add = [] }) => {
    const out = path.join(dir, `${name}.xlsx`);
    run([...args, "--out", out, "--force"]);
    for (const more of add) run([...more, "--out", out, "--add"]);
    return out;
  });
}

module.exports = { CASES, LONGEST_NAME, TEMPLATE_CASES, writeCases, writeTemplateCases };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/workbook-cases.js DIR");
    process.exit(2);
  }
  for (const file of [...writeCases(dir), ...writeTemplateCases(dir)]) console.log(file);
}
