// ESLint flat config: recommended rules for JS and TypeScript, not type-aware (fast).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "node_modules/", "test/generated/", "data/", "coverage/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused binding.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // type-graphql takes resolver classes as `Function`s (NonEmptyArray<Function>).
      "@typescript-eslint/no-unsafe-function-type": "off",
    },
  },
  {
    // Tests read loosely typed JSON responses; `any` there is a convenience, not a hole.
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
