import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import prettierRecommended from "eslint-plugin-prettier/recommended";
import react from "eslint-plugin-react";
import globals from "globals";
import tseslint from "typescript-eslint";

// The Office add-ins plugin's rules (load before read, sync before read, no sync in loops...), taken from its
// recommended preset and applied with the project's own TypeScript parser to .ts and .tsx alike.
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((block) => Object.entries(block.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "coverage/", "test-output/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  react.configs.flat.recommended,
  react.configs.flat["jsx-runtime"],
  prettierRecommended,
  {
    plugins: { "office-addins": officeAddins },
    settings: { react: { version: "18" } },
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...officeRules,
      "@typescript-eslint/no-explicit-any": "error",
      "prettier/prettier": ["error", { endOfLine: "auto" }],
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
