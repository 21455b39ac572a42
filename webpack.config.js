/**
 * Builds the task pane (after Microsoft's Office-Addin-TaskPane-React template): one entry, ts-loader,
 * HtmlWebpackPlugin for taskpane.html, assets, the support page and manifest.xml copied into dist/, an HTTPS dev
 * server on https://localhost:3000. office.js is not bundled: taskpane.html loads Microsoft's CDN copy.
 *
 * Production URL: `ADDIN_URL=https://addins.agency.example/csp/ npm run build` rewrites every
 * https://localhost:3000/ in the copied manifest.xml; the source manifest keeps localhost.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");

const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;

/** Checks ADDIN_URL; returns null when it is not set (the manifest keeps localhost). */
function productionUrl(value) {
  if (value === undefined || value.trim() === "") return null;
  const url = value.trim();
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.protocol !== "https:" || !url.endsWith("/") || parsed.search || parsed.hash) {
    throw new Error(
      `ADDIN_URL must be the https address the add-in is served from, ending with "/" ` +
        `(for example https://addins.agency.example/csp/); got "${url}".`,
    );
  }
  return url;
}

/** Points the manifest at the production server: every dev URL, then the bare dev origin (AppDomains). */
function rewriteManifest(content, addinUrl) {
  if (!addinUrl) return content;
  const origin = new URL(addinUrl).origin;
  return content.toString().split(DEV_URL).join(addinUrl).split(DEV_URL.slice(0, -1)).join(origin);
}

/** Trusted localhost certificates when they can be made; plain HTTPS (self-signed) otherwise. */
async function devServerHttpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    console.warn(
      `Could not create the localhost development certificate (${error instanceof Error ? error.message : error}).\n` +
        "Serving with a self-signed certificate instead; run `npx office-addin-dev-certs install` so Excel trusts it.",
    );
    return {};
  }
}

/*
 * Production builds move every Griffel style rule (Fluent's and our makeStyles) out of the JavaScript into
 * one CSS file that taskpane.html links: the pane's JS shrinks and no CSS-in-JS engine runs at start-up.
 * Development keeps Griffel's runtime insertion (faster rebuilds, same look).
 */
const griffelExtractionRules = [
  {
    test: /\.(js|mjs|ts|tsx)$/,
    include: [/[\\/]node_modules[\\/]@fluentui[\\/]/, path.resolve(__dirname, "src")],
    use: { loader: GriffelCSSExtractionPlugin.loader },
  },
  { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
];

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  const addinUrl = productionUrl(process.env.ADDIN_URL);
  const serving = process.argv.includes("serve");

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-source-map" : false,
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: { keep: /^cli\// },
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".jsx"] },
    module: {
      rules: [
        ...(dev ? [] : griffelExtractionRules),
        {
          test: /\.tsx?$/,
          // The CLI, the xlsx writer and the tests are Node-only; they must never reach the pane's bundle.
          exclude: [/node_modules/, path.resolve(__dirname, "test")],
          use: [
            // Loaders run last to first: ts-loader makes JavaScript, then Griffel precomputes our makeStyles.
            ...(dev ? [] : [{ loader: "@griffel/webpack-loader" }]),
            { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
          ],
        },
      ],
    },
    plugins: [
      ...(dev
        ? []
        : [
            new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css", ignoreOrder: true }),
            new GriffelCSSExtractionPlugin(),
          ]),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "blocking",
        inject: "head",
      }),
      {
        // The pane's scripts load async and at high priority, so that they are evaluated while office.js is still
        // arriving (index.tsx waits for the parsed document, and office.js with it, before it looks at Office).
        apply(compiler) {
          compiler.hooks.compilation.tap("AsyncPaneScripts", (compilation) => {
            HtmlWebpackPlugin.getHooks(compilation).alterAssetTags.tap("AsyncPaneScripts", (data) => {
              if (data.outputName !== "taskpane.html") return data;
              for (const tag of data.assetTags.scripts) {
                tag.attributes.async = true;
                tag.attributes.fetchpriority = "high";
              }
              return data;
            });
          });
        },
      },
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The manifest's SupportUrl and LearnMoreUrl: a static page with relative links, served beside the pane.
          { from: "src/support.html", to: "support.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content, addinUrl) },
        ],
      }),
      {
        // Guard: HyperFormula (a test-only formula engine) and anything under test/ must never be bundled.
        apply(compiler) {
          compiler.hooks.afterCompile.tap("NoTestCodeInBundle", (compilation) => {
            const forbidden = [path.resolve(__dirname, "test") + path.sep, `${path.sep}hyperformula${path.sep}`];
            for (const module of compilation.modules) {
              const resource = module.resource || "";
              if (forbidden.some((part) => resource.includes(part))) {
                compilation.errors.push(new Error(`${resource} must not be part of the task pane bundle.`));
              }
            }
          });
        },
      },
    ],
    optimization: {
      // Library code goes to its own cached chunks; the plan screens (App) load lazily, only inside Excel.
      splitChunks: { chunks: "all" },
    },
    performance: { hints: dev ? false : "warning", maxEntrypointSize: 600_000, maxAssetSize: 600_000 },
    devServer: serving
      ? {
          port: DEV_PORT,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await devServerHttpsOptions() },
          static: { directory: path.resolve(__dirname, "dist") },
          client: { overlay: { warnings: false } },
        }
      : undefined,
  };
};

// For the manifest tests and CI, which check the production manifest without running a build.
module.exports.productionUrl = productionUrl;
module.exports.rewriteManifest = rewriteManifest;
