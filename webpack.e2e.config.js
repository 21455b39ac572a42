/**
 * Bundles the browser bootstrap of the end-to-end test (test/e2e/fake-host.ts): the strict Office.js Excel fake,
 * minified, as one classic script. The e2e test and the pane bench serve it in place of Microsoft's office.js,
 * so the production pane (built by webpack.config.js, unchanged) runs against the fake. HyperFormula is a chunk
 * of its own that the fake fetches with the first write (test/fake-excel/formula-engine.lazy.ts): like office.js,
 * the host costs the pane little until the workbook is used.
 *
 *   npx webpack --config webpack.e2e.config.js --output-path test-output/e2e/host
 */
const path = require("path");
const webpack = require("webpack");

module.exports = {
  mode: "production",
  devtool: false,
  target: "web",
  entry: { "fake-office": "./test/e2e/fake-host.ts" },
  output: {
    path: path.resolve(__dirname, "test-output", "e2e", "host"),
    filename: "[name].js",
    chunkFilename: "[name].[contenthash:8].js",
    // The pane's own webpack runtime shares the page: its chunk-loading global must not be this one's.
    uniqueName: "fakeOfficeHost",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
      },
    ],
  },
  plugins: [new webpack.NormalModuleReplacementPlugin(/^\.\/formula-engine$/, "./formula-engine.lazy")],
  performance: { hints: false },
};
