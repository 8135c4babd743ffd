import * as path from "path";
import { UserError } from "../../lib/user-error";
import { scaffoldSite } from "../site-scaffold";
import type { KsvCommand } from "./ksv-command";

export const initCommand: KsvCommand = {
  name: "init",
  usage: `ksv init [<folder>]
    Writes a site's estate repository into the folder (the current one by default): estate.yaml
    to edit, the cdktf app, package.json, the plan-review, apply and drift workflows, .gitignore and a
    README. Refuses, writing nothing, when any of these files exists.`,
  options: {},
  async run(line) {
    if (line.positionals.length > 1) {
      throw new UserError(`takes one folder, not ${line.positionals.length}`);
    }
    const folder = line.positionals[0] ?? ".";
    const written = scaffoldSite(folder);
    const shown = path.relative(process.cwd(), path.resolve(folder)) || ".";
    const cd = shown === "." ? "" : `cd ${shown} && `;
    process.stdout.write(
      [
        `wrote ${written.join(", ")} in ${shown}`,
        `next: ${cd}npm install, edit estate.yaml, npm run synth (README.md)`,
        "",
      ].join("\n"),
    );
    return 0;
  },
};
