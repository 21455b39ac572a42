/**
 * The plan screens (App, with the New plan form) are a chunk of their own. They are asked for while this module is
 * evaluated, before the rest of the pane's modules (index.tsx imports it first), so that they download while React
 * starts and Office gets ready. That is before office.js has run (the pane's scripts are async), so a plain
 * browser, which never shows App, downloads them too: about 35 KB gzip, on a page nobody uses twice.
 */
type AppModule = typeof import("./App");

let appModule: Promise<AppModule> | undefined;
let arrived: AppModule | undefined;

export function loadApp(): Promise<AppModule> {
  appModule ??= import("./App").then(
    (module) => {
      markStartup("app-loaded");
      arrived = module;
      return module;
    },
    (failure: unknown) => {
      appModule = undefined; // the next call (Root's lazy App) asks again
      throw failure;
    },
  );
  return appModule;
}

/** App's module if it has arrived: then Root renders App at once, with no Suspense round first. */
export function loadedApp(): AppModule | undefined {
  return arrived;
}

/** A User Timing mark ("csp:<step>"): the pane bench breaks start-up down with them (jsdom has none). */
export function markStartup(step: string): void {
  performance.mark?.(`csp:${step}`);
}

void loadApp().catch(() => undefined); // a chunk that did not arrive is asked for again when App is rendered
