import { repoRoot, runProcess } from "../support/workspace";

test("npm run demo: applies, switches an NSX-V manager to monitoring, shows the plan and the hook order, adopts, finds drift, discovers a host, rolls an upgrade out in waves; then NSX-T on the simulator", async () => {
  const run = await runProcess("npm", ["run", "-s", "demo"], { cwd: repoRoot });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const out = run.stdout;
  expect(out).toContain("-/+ terraform_data.service");
  expect(out).toContain("traffic_mode: standard → monitoring");
  expect(out).toMatch(/dc2-nsxt\n\s+no changes/);

  // The hooks of the mode change, in the order they ran: exactly the documented procedure (the
  // two clusters' SVMs are removed and deployed in parallel, so clusters are left out). A step
  // missing or out of place fails.
  const steps = [...out.matchAll(/^\s+\d+\. (\w+)\s+(\S+)\s+mode=(\w+)/gm)].map(
    (m) => `${m[1]} ${m[3]}`,
  );
  expect(steps).toEqual([
    "removeObjects standard",
    ...Array(2).fill("removeSvms standard"),
    "unregister standard",
    "register monitoring",
    ...Array(2).fill("deploySvms monitoring"),
    "createObjects monitoring",
  ]);

  // Adopt after the state is forgotten: no hook; then an SVM removed by hand is found.
  expect(out).toMatch(/ksv adopt: dc1-nsxv: adopted 8 resources .*; no hook ran/);
  expect(out).toContain("hooks run meanwhile: 0");
  expect(out).toContain("dc1-nsxv: Host 10.0.0.12 of cluster prod-a has no running SVM.");
  expect(out).toContain("exit code of ksv drift: 2");
  // A host added in vCenter, taken into the estate file in place by ksv discover.
  expect(out).toContain("ksv discover dc1-nsxv --check: exit 2 (the file would change)");
  expect(out).toMatch(
    /estate\.yaml: 1 line changed, the other \d+ as they were, comments included/,
  );

  // A new image rolled out in waves of at most 3 hosts: stopped by a failed upgrade, then resumed.
  expect(out).toContain("2 waves of at most 3 hosts: 1) prod-a (3 hosts) 2) prod-b (2 hosts)");
  expect(out).toContain(
    "ksv rollout: dc1-nsxv: stopped: wave 2 is applied but NSX does not confirm it:",
  );
  expect(out).toContain("wave 1/2: prod-a (3 hosts): already applied and verified");
  expect(out).toContain("ksv rollout: dc1-nsxv: done: 2 waves applied and verified");

  // NSX-T with the reference hooks against the simulator: what NSX has, an upgrade in place,
  // drift when a deployment is deleted in NSX.
  expect(out).toContain("service deployment ksv-dc2-nsxt-edge: DEPLOYMENT_SUCCESSFUL, spec ntp");
  expect(out).toContain("service chain ksv-dc2-nsxt-chain: failure_policy BLOCK");
  expect(out).toMatch(/review: disruptive; protection gap 2 hosts, effect blocked/);
  const ids = (line: string) => [...line.matchAll(/([0-9a-f-]{36}) /g)].map((m) => m[1]);
  const before = ids(/deployments before: (.*)/.exec(out)![1]);
  expect(before).toHaveLength(1);
  expect(ids(/deployments after: (.*)/.exec(out)![1])).toEqual(before);
  expect(out).toMatch(/deployments after: +\S+ ntp-next/);
  expect(out).toContain("dc2-nsxt: Cluster edge has no service deployment");
});
