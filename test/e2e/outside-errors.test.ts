import * as fs from "fs";
import * as path from "path";
import { UserError } from "../../lib/cli/run-command";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { initStack } from "../../lib/terraform/stack-workflow";
import { checkTerraform, MINIMUM_TERRAFORM_VERSION } from "../../lib/terraform/terraform-cli";
import { estateOf, nsxvManager, validEstate, type EstateInput } from "../support/estates";
import { freePort } from "../support/postgres";
import { runScript, tempDir, type CommandResult } from "../support/workspace";

/*
 * What goes wrong outside the estate, and what the user reads then: no terraform, too old a
 * terraform, and the pg backend without its connection string or without its server. Real
 * processes throughout; the "old terraform" is a shell script that prints an old version, first
 * on the PATH, which is what our version check reads.
 */

/** The error a call throws: it must be a UserError (a message, not a crash). */
function userError(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error("expected a UserError");
}

/** Runs with TERRAFORM as given (or unset), whatever the machine's environment says. */
function withTerraformVariable<T>(value: string | undefined, body: () => T): T {
  const saved = process.env.TERRAFORM;
  if (value === undefined) delete process.env.TERRAFORM;
  else process.env.TERRAFORM = value;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env.TERRAFORM;
    else process.env.TERRAFORM = saved;
  }
}

/** A folder holding a `terraform` that prints `output` to any command. */
function fakeTerraform(output: string): string {
  const dir = tempDir("fake-terraform");
  const script = path.join(dir, "terraform");
  fs.writeFileSync(script, `#!/bin/sh\ncat <<'EOF'\n${output}\nEOF\n`);
  fs.chmodSync(script, 0o755);
  return dir;
}

const pathWith = (dir: string) => `${dir}:${process.env.PATH ?? ""}`;

/** The user's view: `npm run plan-review` (scripts/plan-and-review.ts) in a child process. */
function planReview(cwd: string, env: Record<string, string | undefined>): Promise<CommandResult> {
  return runScript("scripts/plan-and-review.ts", [], { cwd, env });
}

function expectCleanFailure(run: CommandResult, line: string): void {
  expect(run.stderr).toContain(line);
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stderr).not.toContain("unexpected error");
}

describe("terraform itself", () => {
  test("the real one passes the version check", () => {
    expect(withTerraformVariable(undefined, () => checkTerraform())).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("TERRAFORM pointing nowhere: named as such", () => {
    const message = withTerraformVariable("/nonexistent/terraform", () =>
      userError(() => checkTerraform()),
    );
    expect(message).toBe(
      `terraform was not found at /nonexistent/terraform (the TERRAFORM environment variable); point TERRAFORM at Terraform ${MINIMUM_TERRAFORM_VERSION} or later, or unset it to use the terraform on the PATH`,
    );
  });

  test("not on the PATH: says what to install", () => {
    const empty = tempDir("empty-path");
    const message = withTerraformVariable(undefined, () =>
      userError(() => checkTerraform({ env: { PATH: empty } })),
    );
    expect(message).toBe(
      `terraform was not found on the PATH; install Terraform ${MINIMUM_TERRAFORM_VERSION} or later (or set TERRAFORM to its path)`,
    );
  });

  test.each([
    [
      "1.4.0 (terraform version -json)",
      '{"terraform_version":"1.4.0","platform":"linux_amd64"}',
      "1.4.0",
    ],
    ["0.12.31 (no -json yet: text)", "Terraform v0.12.31", "0.12.31"],
  ])("too old, %s: says which version and why", (_label, output, version) => {
    const dir = fakeTerraform(output);
    const message = withTerraformVariable(undefined, () =>
      userError(() => checkTerraform({ env: { PATH: pathWith(dir) } })),
    );
    expect(message).toBe(
      `terraform ${version} is too old: these stacks need ${MINIMUM_TERRAFORM_VERSION} or later (terraform_data, import and moved blocks)`,
    );
  });

  test("a terraform that does not say its version", () => {
    const dir = fakeTerraform("Segmentation fault");
    const message = withTerraformVariable(undefined, () =>
      userError(() => checkTerraform({ env: { PATH: pathWith(dir) } })),
    );
    expect(message).toBe("could not read the version of terraform: Segmentation fault");
  });

  test("what `npm run plan-review` prints with an old terraform first on the PATH", async () => {
    const dir = fakeTerraform('{"terraform_version":"1.4.0"}');
    const run = await planReview(tempDir("old-terraform"), {
      PATH: pathWith(dir),
      TERRAFORM: undefined,
    });
    expectCleanFailure(run, "plan-review: terraform 1.4.0 is too old");
  });
});

describe("the pg backend", () => {
  const password = "PgPasswordMarker93a1";

  const pgEstate = (): EstateInput =>
    estateOf([nsxvManager("dc1-nsxv")], { backend: { type: "pg", schemaName: "ksv" } });

  function pgStack(): string {
    const out = path.join(tempDir("pg-errors"), "cdktf.out");
    const [stack] = synthesizeEstate(validEstate(pgEstate()), out);
    return path.dirname(stack.file);
  }

  test("PG_CONN_STR not set: said before terraform runs (which would try localhost:5432)", () => {
    const dir = pgStack();
    const message = userError(() => initStack(dir, { env: { PG_CONN_STR: undefined } }));
    expect(message).toBe(
      "stack dc1-nsxv: the pg backend reads its connection string from PG_CONN_STR, which is not set; set it in the environment of this command (postgres://user@host:5432/database), never in the estate",
    );
    expect(fs.existsSync(path.join(dir, ".terraform"))).toBe(false);
  });

  test("a local-backend stack needs no PG_CONN_STR", () => {
    const out = path.join(tempDir("local-backend"), "cdktf.out");
    const [stack] = synthesizeEstate(validEstate(estateOf([nsxvManager("dc1-nsxv")])), out);
    expect(() =>
      initStack(path.dirname(stack.file), { env: { PG_CONN_STR: undefined } }),
    ).not.toThrow();
  });

  test("PostgreSQL unreachable: named, with Terraform's reason, without the connection string", async () => {
    const dir = pgStack();
    const connection = `postgres://ksv:${password}@127.0.0.1:${await freePort()}/terraform?sslmode=disable`;
    const message = userError(() => initStack(dir, { env: { PG_CONN_STR: connection } }));
    expect(message).toMatch(
      /^stack dc1-nsxv: terraform init failed: PostgreSQL is unreachable: dial tcp 127\.0\.0\.1:\d+: connect: connection refused\. The server, user and options come from PG_CONN_STR; check them/,
    );
    expect(message.split("\n")).toHaveLength(1);
    expect(message).not.toContain(password);
    expect(message).not.toContain(connection);
  });

  test("a connection string Terraform cannot parse: it quotes it, we do not", () => {
    const dir = pgStack();
    // A space in the password makes Go's URL parser give up, quoting the whole string.
    const connection = `postgres://ksv:${password} x@127.0.0.1:1/terraform`;
    const message = userError(() => initStack(dir, { env: { PG_CONN_STR: connection } }));
    expect(message).toBe(
      'stack dc1-nsxv: terraform init failed: the pg backend could not use PostgreSQL: parse "<PG_CONN_STR>": net/url: invalid userinfo. The server, user and options come from PG_CONN_STR; check them, and that the server accepts connections from this machine',
    );
    expect(message).not.toContain(password);
  });

  test("what `npm run plan-review` prints when PostgreSQL is down", async () => {
    const project = tempDir("pg-down");
    fs.writeFileSync(path.join(project, "estate.json"), JSON.stringify(pgEstate()));
    const connection = `postgres://ksv:${password}@127.0.0.1:${await freePort()}/terraform?sslmode=disable`;
    const run = await planReview(project, {
      KSV_ESTATE: "estate.json",
      CDKTF_OUTDIR: undefined,
      PG_CONN_STR: connection,
    });
    expectCleanFailure(
      run,
      "plan-review: stack dc1-nsxv: terraform init failed: PostgreSQL is unreachable: dial tcp 127.0.0.1:",
    );
    expect(run.stderr + run.stdout).not.toContain(password);
  });
});
