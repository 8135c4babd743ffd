import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "cdktf.out/",
      "coverage/",
      "dist/",
      "**/*.js",
      "!bin/*.js",
      "!scripts/*.js",
      "!examples/**/*.js",
      "!test/support/*.js",
      "!templates/**/*.js",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-template-curly-in-string": "off",
    },
  },
  {
    files: ["test/support/*.mjs"],
    languageOptions: {
      sourceType: "module",
      globals: { process: "readonly", console: "writable", globalThis: "readonly" },
    },
  },
  {
    files: [
      "bin/*.js",
      "scripts/*.js",
      "examples/**/*.js",
      "test/support/*.js",
      "templates/**/*.js",
    ],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        module: "writable",
        SharedArrayBuffer: "readonly",
        Atomics: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
