import { spawnSync } from "child_process";
import { repoRoot } from "../support/workspace";

test("npm run demo: applies, switches an NSX-V manager to monitoring, shows the plan and the hook order", () => {
  const run = spawnSync("npm", ["run", "-s", "demo"], { cwd: repoRoot, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toContain("-/+ terraform_data.service");
  expect(out).toContain("traffic_mode: standard → monitoring");
  expect(out).toMatch(/dc2-nsxt\n\s+no changes/);

  const steps = [...out.matchAll(/^\s+\d+\. (\w+)\s+(\S+)\s+mode=(\w+)/gm)].map(
    (m) => `${m[1]} ${m[3]}`,
  );
  const last = (step: string) => steps.lastIndexOf(step);
  const first = (step: string) => steps.indexOf(step);
  expect(steps.filter((s) => s.startsWith("removeSvm"))).toHaveLength(5);
  expect(last("removeSvm standard")).toBeLessThan(first("unregister standard"));
  expect(first("removeObjects standard")).toBeLessThan(first("unregister standard"));
  expect(first("unregister standard")).toBeLessThan(first("register monitoring"));
  expect(first("register monitoring")).toBeLessThan(first("deploySvm monitoring"));
  expect(first("register monitoring")).toBeLessThan(first("createObjects monitoring"));
  expect(steps.some((s) => s.startsWith("applyPolicy"))).toBe(false);
});
