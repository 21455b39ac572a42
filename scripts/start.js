#!/usr/bin/env node
/**
 * `npm start`. Windows and macOS: office-addin-debugging builds, serves and sideloads the add-in into desktop
 * Excel. Linux has no desktop Excel, so this starts the HTTPS dev server and explains how to sideload the
 * add-in into Excel on the web instead of pretending to open Excel.
 */
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const manifest = path.join(root, "manifest.xml");
const DEV_URL = "https://localhost:3000/taskpane.html";

/** Runs a package's command line through npx and mirrors its exit code. */
function run(args) {
  const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on("error", (error) => {
    console.error(`Could not start ${args[0]}: ${error.message}`);
    process.exit(1);
  });
}

if (process.platform === "win32" || process.platform === "darwin") {
  run(["office-addin-debugging", "start", manifest, "desktop", "--app", "excel"]);
} else {
  console.log(
    [
      "",
      "Desktop Excel is not available on this system, so nothing will be sideloaded automatically.",
      "Starting the development server; to try the add-in in Excel on the web:",
      "",
      "  1. Trust the development certificate once (then restart the browser):",
      "       npx office-addin-dev-certs install",
      `  2. Check that ${DEV_URL} opens in the browser without a certificate warning.`,
      "  3. Open a workbook in Excel on the web (https://www.office.com/launch/excel).",
      "  4. Insert → Add-ins → Upload My Add-in, and choose:",
      `       ${manifest}`,
      "  5. Select Home → Service Plan to open the pane.",
      "",
      "Stop the server with Ctrl+C.",
      "",
    ].join("\n"),
  );
  run(["webpack", "serve", "--mode", "development"]);
}
