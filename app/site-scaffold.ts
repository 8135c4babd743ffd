import * as fs from "fs";
import * as path from "path";
import { UserError } from "../lib/user-error";
import { EXAMPLE_ESTATE, SITE_ESTATE } from "./estate-file";
import { PROJECT_ROOT } from "./project-root";
import { sitePackageJson } from "./site-package-json";

/*
 * npx ksv init: a site's estate repository. It holds the estate and the files that call this
 * package, no copy of its code: the cdktf app is one require, the commands are the package's bins.
 * The texts come from templates/site/; the workflows are this project's own, read when the
 * scaffold is written, so that a site starts from the ones the package was released with.
 */

/** templates/site/ file → its path in the site. */
const TEMPLATES: Readonly<Record<string, string>> = {
  "estate.yaml": SITE_ESTATE,
  "main.js": "main.js",
  "cdktf.json": "cdktf.json",
  "README.md": "README.md",
  // npm pack leaves out files named .gitignore (it reads them as its own ignore rules).
  gitignore: ".gitignore",
};

/** The project's workflows a site runs too (.github/workflows/, shipped in the package). */
export const SITE_WORKFLOWS = ["plan-review.yml", "apply.yml", "drift.yml"] as const;

export interface SiteFile {
  /** Relative to the site's folder, with / between folders. */
  readonly path: string;
  readonly content: string;
}

/**
 * A project workflow as the site runs it. Copied as it is, whatever it says, but for the one
 * thing that differs: the estate is the site's estate.yaml, not the project's example.
 */
function siteWorkflow(projectWorkflow: string): string {
  return projectWorkflow.split(EXAMPLE_ESTATE).join(SITE_ESTATE);
}

/** Every file of a new site's repository; `folderName` names its package. */
function siteFiles(folderName: string): SiteFile[] {
  const read = (...parts: string[]) => fs.readFileSync(path.join(PROJECT_ROOT, ...parts), "utf8");
  return [
    ...Object.entries(TEMPLATES).map(([template, target]) => ({
      path: target,
      content: read("templates", "site", template),
    })),
    { path: "package.json", content: sitePackageJson(folderName) },
    ...SITE_WORKFLOWS.map((name) => ({
      path: `.github/workflows/${name}`,
      content: siteWorkflow(read(".github", "workflows", name)),
    })),
  ];
}

/**
 * Writes a new site into `folder` (created when missing) and returns the paths written. Refuses,
 * writing nothing, when any of its files exists: a site's estate is never overwritten.
 */
export function scaffoldSite(folder: string): string[] {
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
    throw new UserError(`${folder} is a file, not a folder: give a folder for the new site`);
  }
  const files = siteFiles(path.basename(path.resolve(folder)));
  const existing = files.filter((file) => fs.existsSync(path.join(folder, file.path)));
  if (existing.length > 0) {
    throw new UserError(
      `${folder} already has ${existing.map((file) => file.path).join(", ")}: nothing written (a site's files are never overwritten: move them away or choose another folder)`,
    );
  }
  for (const file of files) {
    const target = path.join(folder, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // "wx": a file that appeared since the check above is still not overwritten.
    fs.writeFileSync(target, file.content, { flag: "wx" });
  }
  return files.map((file) => file.path);
}
