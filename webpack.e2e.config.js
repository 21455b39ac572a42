/**
 * Bundles the browser bootstrap of the end-to-end test (test/e2e/fake-host.ts): the strict Office.js Excel fake,
 * HyperFormula included, as one classic script. The e2e test serves it in place of Microsoft's office.js, so the
 * production pane (built by webpack.config.js, unchanged) runs against the fake.
 *
 *   npx webpack --config webpack.e2e.config.js --output-path test-output/e2e/host
 */
const path = require("path");

module.exports = {
  mode: "development",
  devtool: false,
  target: "web",
  entry: { "fake-office": "./test/e2e/fake-host.ts" },
  output: {
    path: path.resolve(__dirname, "test-output", "e2e", "host"),
    filename: "[name].js",
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
  performance: { hints: false },
};
