/**
 * The pane bench's anchor page (index.tsx, anchor.html), built with the pane's own webpack settings
 * (../../../webpack.config.js: loaders, Griffel CSS extraction, chunk splitting, minification) so that the bench
 * compares like with like. Its page loads its scripts as the template's does (defer, after office.js); the pane's
 * loads them async, which is part of what is measured. Never part of dist/: the bench builds it into
 * test-output/e2e/anchor.
 *
 *   npx webpack --config scripts/bench/anchor/webpack.config.js --mode production --output-path test-output/e2e/anchor
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const paneConfig = require("../../../webpack.config.js");

module.exports = async (env, argv) => {
  const pane = await paneConfig(env, argv);
  // The pane's page and its copied manifest and icons give way to the anchor's page.
  const plugins = pane.plugins.filter((p) => !(p instanceof HtmlWebpackPlugin || p instanceof CopyWebpackPlugin));
  return {
    ...pane,
    entry: { anchor: path.resolve(__dirname, "index.tsx") },
    output: {
      ...pane.output,
      path: path.resolve(__dirname, "..", "..", "..", "test-output", "e2e", "anchor"),
      clean: true,
    },
    plugins: [
      ...plugins,
      new HtmlWebpackPlugin({
        filename: "anchor.html",
        template: path.resolve(__dirname, "anchor.html"),
        chunks: ["anchor"],
        scriptLoading: "defer",
      }),
    ],
    devServer: undefined,
  };
};
