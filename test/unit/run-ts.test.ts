import * as fs from "fs";
import * as path from "path";
import { repoRoot, runNode, tempDir } from "../support/workspace";

/*
 * scripts/run-ts.js runs the commands (cdktf's app, npm run plan-review, the bins) from a build of
 * the sources cached in .gen/js/. What a user would notice if it went wrong: an edit not taking
 * effect, a build interrupted half-way being run, a stack trace in JavaScript lines.
 * Each test works on a small project of its own with a copy of the script.
 */

function smallProject(): string {
  const dir = tempDir("run-ts");
  fs.mkdirSync(path.join(dir, "scripts"));
  fs.mkdirSync(path.join(dir, "lib"));
  fs.copyFileSync(
    path.join(repoRoot, "scripts", "run-ts.js"),
    path.join(dir, "scripts", "run-ts.js"),
  );
  fs.writeFileSync(path.join(dir, "package.json"), "{}\n");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}\n");
  fs.writeFileSync(
    path.join(dir, "lib", "greeting.ts"),
    "export const greeting = (name: string): string => `hello ${name}`;\n",
  );
  fs.writeFileSync(
    path.join(dir, "main.ts"),
    [
      'import { greeting } from "./lib/greeting";',
      'process.stdout.write(`${greeting(process.argv[2] ?? "nobody")}\\n`);',
      "",
    ].join("\n"),
  );
  return dir;
}

/** The project's node_modules for `require("typescript")` from a folder outside it. */
const env = { NODE_PATH: path.join(repoRoot, "node_modules") };

const run = (dir: string, ...args: string[]) =>
  runNode([path.join(dir, "scripts", "run-ts.js"), ...args], { cwd: dir, env });

const builds = (dir: string) =>
  fs.existsSync(path.join(dir, ".gen", "js")) ? fs.readdirSync(path.join(dir, ".gen", "js")) : [];

describe("scripts/run-ts.js", () => {
  it("runs a TypeScript file with its arguments, and an edit takes effect at the next run", async () => {
    const dir = smallProject();
    expect(await run(dir, "main.ts", "world")).toMatchObject({ code: 0, stdout: "hello world\n" });
    expect(builds(dir)).toHaveLength(1);

    fs.writeFileSync(
      path.join(dir, "lib", "greeting.ts"),
      "export const greeting = (name: string): string => `good morning ${name}`;\n",
    );
    expect(await run(dir, "main.ts", "world")).toMatchObject({
      code: 0,
      stdout: "good morning world\n",
    });
    // A build per state of the sources; the first one stays for commands still running from it.
    expect(builds(dir)).toHaveLength(2);
  });

  it("reuses the build of unchanged sources: --build, then a run, compile once", async () => {
    const dir = smallProject();
    expect(await run(dir, "--build")).toMatchObject({ code: 0, stdout: "" });
    const [build] = builds(dir);
    const compiled = path.join(dir, ".gen", "js", build, "main.js");
    // Marked, to see whether the run compiles again.
    fs.appendFileSync(compiled, '\nprocess.stdout.write("from the cached build\\n");\n');
    expect((await run(dir, "main.ts", "again")).stdout).toBe(
      "hello again\nfrom the cached build\n",
    );
  });

  it("never runs a build left half-written by an interrupted compile", async () => {
    const dir = smallProject();
    await run(dir, "--build");
    const [build] = builds(dir);
    // What a compile killed before its rename leaves: a staging folder beside, no build.
    fs.renameSync(
      path.join(dir, ".gen", "js", build),
      path.join(dir, ".gen", "js", `${build}.99999.tmp`),
    );
    fs.rmSync(path.join(dir, ".gen", "js", `${build}.99999.tmp`, "lib"), { recursive: true });
    expect(await run(dir, "main.ts", "there")).toMatchObject({ code: 0, stdout: "hello there\n" });
  });

  it("reports errors in TypeScript lines", async () => {
    const dir = smallProject();
    fs.writeFileSync(
      path.join(dir, "lib", "greeting.ts"),
      [
        "export const greeting = (name: string): string => {",
        "  // a comment, so that the JavaScript line differs",
        "  throw new Error(`no greeting for ${name}`);",
        "};",
        "",
      ].join("\n"),
    );
    const result = await run(dir, "main.ts", "anyone");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no greeting for anyone");
    expect(result.stderr).toContain(`${path.join(dir, "lib", "greeting.ts")}:3`);
  });

  it("refuses a file outside the project", async () => {
    const dir = smallProject();
    const result = await run(dir, "../elsewhere.ts");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("run-ts runs the project's .ts files; got ../elsewhere.ts");
  });
});
