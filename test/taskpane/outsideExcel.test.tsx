/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import { ErrorBoundary } from "../../src/taskpane/ErrorBoundary";
import { Root } from "../../src/taskpane/Root";
import { decideStartup } from "../../src/taskpane/startup";
import { chooseTheme, isDarkColor, themeFromQuery } from "../../src/taskpane/theme";
import { FakePlanService } from "./fakePlanService";
import { renderPane } from "./renderPane";

const EXCEL = "Excel";

test("start-up tells Excel from a plain browser, a missing office.js and a silent Office", async () => {
  expect(await decideStartup(undefined)).toBe("no-office");
  expect(await decideStartup({ onReady: async () => ({ host: EXCEL }), excelHost: EXCEL })).toBe("excel");
  expect(await decideStartup({ onReady: async () => ({ host: null }), excelHost: EXCEL })).toBe("browser");
  expect(await decideStartup({ onReady: () => Promise.reject(new Error("no host")), excelHost: EXCEL })).toBe(
    "browser",
  );
  expect(await decideStartup({ onReady: () => new Promise(() => undefined), excelHost: EXCEL }, 20)).toBe("timeout");
});

test("outside Excel the pane explains how to open the add-in", () => {
  renderPane(<Root pane={{ stage: "outside", reason: "browser" }} theme="light" />);
  expect(screen.getByRole("heading", { level: 1, name: "Client Service Plan runs inside Excel" })).toBeInTheDocument();
  expect(screen.getByText(/This page was opened outside Excel/)).toBeInTheDocument();
  expect(screen.getByRole("main")).toHaveTextContent("Upload My Add-in");
  expect(screen.getByRole("main")).toHaveTextContent("manifest.xml");
  expect(screen.getByRole("main")).toHaveTextContent(/Home tab and select Service Plan/);
});

test("when office.js could not load, the page says so", () => {
  renderPane(<Root pane={{ stage: "outside", reason: "no-office" }} theme="dark" />);
  expect(screen.getByText(/Office script could not be loaded/)).toBeInTheDocument();
  expect(document.querySelector("[data-theme='dark']")).not.toBeNull();
});

test("inside Excel the plan screens load", async () => {
  renderPane(<Root pane={{ stage: "excel", service: new FakePlanService() }} theme="light" />);
  expect(await screen.findByRole("heading", { level: 1, name: "Client Service Plan" })).toBeInTheDocument();
  expect(await screen.findByRole("button", { name: "Create plan" })).toBeInTheDocument();
});

test("a rendering failure shows a message instead of a blank pane", () => {
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  function Broken(): never {
    throw new Error("render failed");
  }
  renderPane(
    <ErrorBoundary>
      <Broken />
    </ErrorBoundary>,
  );
  expect(screen.getByText("Something went wrong in the Service Plan pane.")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Reload the pane" })).toBeInTheDocument();
  quiet.mockRestore();
});

test("theme: ?theme=dark wins, otherwise Office's background decides", () => {
  expect(themeFromQuery("?theme=dark")).toBe("dark");
  expect(themeFromQuery("?x=1&theme=light")).toBe("light");
  expect(themeFromQuery("?theme=purple")).toBeNull();
  expect(isDarkColor("#262626")).toBe(true);
  expect(isDarkColor("#FFFFFF")).toBe(false);
  expect(isDarkColor("#333")).toBe(true);
  expect(isDarkColor(undefined)).toBe(false);
  expect(chooseTheme(null, "#1f1f1f")).toBe("dark");
  expect(chooseTheme("light", "#1f1f1f")).toBe("light");
  expect(chooseTheme(null, "#f3f3f3")).toBe("light");
});
