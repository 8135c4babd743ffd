import * as prettier from "prettier";
import { PROTECTION_RULES } from "../lib/rules/all-rules";
import { LAYERS } from "./layers";

/*
 * README sections written from the code, so that they cannot go stale: the protection rules (id,
 * level, why) and the layers (what each folder holds and may import). Each section sits between
 * `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`; npm run docs rewrites them, and
 * test/unit/readme.test.ts fails when README differs from what they give.
 */

const cell = (text: string) => text.replace(/\|/g, "\\|");

const SECTIONS: Readonly<Record<string, () => string>> = {
  rules: () =>
    [
      "| id | level | acknowledge | why |",
      "| --- | --- | --- | --- |",
      ...PROTECTION_RULES.map(
        (rule) =>
          `| \`${rule.id}\` | ${rule.level} | ${rule.level === "warning" ? "yes" : "no: change the estate"} | ${cell(rule.why)} |`,
      ),
    ].join("\n"),
  layers: () =>
    [
      "| folder | holds | may import |",
      "| --- | --- | --- |",
      ...LAYERS.map(
        (layer) =>
          `| \`${layer.path}\` | ${cell(layer.holds)} | ${layer.mayImport.map((l) => `\`${l}\``).join(", ") || "nothing of the project"} |`,
      ),
    ].join("\n"),
};

/** README with every generated section written from the code, formatted as `npm run format` would. */
export async function renderReadme(readme: string): Promise<string> {
  let out = readme;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(
      `(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`,
    );
    if (!pattern.test(out)) throw new Error(`README has no generated:${name} section`);
    out = out.replace(
      pattern,
      (_m, open: string, close: string) => `${open}\n\n${render()}\n\n${close}`,
    );
  }
  const options = (await prettier.resolveConfig("README.md")) ?? {};
  return prettier.format(out, { ...options, parser: "markdown" });
}
