/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          jsx: "react-jsx",
          module: "CommonJS",
          moduleResolution: "Node",
          esModuleInterop: true,
          isolatedModules: true,
        },
      },
    ],
  },
  // Dates must never depend on the machine's zone: the suite runs west of UTC by default,
  // and the engine tests switch zones explicitly.
  globalSetup: "<rootDir>/test/global-setup.js",
  testTimeout: 60000,
};
