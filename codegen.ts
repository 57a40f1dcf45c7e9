import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed documents for the test operations: `npm run codegen` (a test fails on drift). */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["test/operations/**/*.graphql"],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  silent: true,
  generates: {
    "test/generated/": {
      preset: "client",
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", ID: "string" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
