import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import { repoRoot } from "../support/workspace";
import type { InventoryFile } from "../../simulator/nsxt";
import { PASSWORD, SimulatorClient, USER } from "../simulator/simulator-client";

/*
 * Runs ksv-nsxt-hook as Terraform's local-exec would: `node bin/ksv-nsxt-hook.js`, everything in
 * environment variables, against a simulator started in this test process. The child gets only
 * the variables given here (plus PATH and TMPDIR), so nothing of the test's own environment leaks
 * into what is asserted.
 */

export const BIN = path.join(repoRoot, "bin", "ksv-nsxt-hook.js");
export const MANAGER = "dc2-nsxt";
export const IMAGE_62 = "https://ksv.example.test/svm-6.2.ovf";
export const IMAGE_63 = "https://ksv.example.test/svm-6.3.ovf";

export interface HookResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type HookEnv = Readonly<Record<string, string | undefined>>;

/** The manager context and the connection to the simulator (NSX and its vCenter). */
export function baseEnv(sim: SimulatorClient): Record<string, string> {
  return {
    KSV_MANAGER: MANAGER,
    KSV_MANAGER_KIND: "nsx-t",
    KSV_MANAGER_ADDRESS: "nsxt.dc2.example.test",
    KSV_TRAFFIC_MODE: "standard",
    NSX_MANAGER_URL: sim.url,
    NSX_USERNAME: USER,
    NSX_PASSWORD: PASSWORD,
    VCENTER_URL: sim.url,
    VCENTER_USERNAME: USER,
    VCENTER_PASSWORD: PASSWORD,
  };
}

function childEnv(env: HookEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return clean;
}

/** Starts the hook; `done` resolves with its exit and output. */
export function startHook(env: HookEnv): { child: ChildProcess; done: Promise<HookResult> } {
  const child = spawn(process.execPath, [BIN], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<HookResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runHook(env: HookEnv): Promise<HookResult> {
  return startHook(env).done;
}

/** Runs a hook that must succeed; its failure shows the hook's stderr. */
export async function hookOk(env: HookEnv): Promise<HookResult> {
  const result = await runHook(env);
  if (result.code !== 0) {
    throw new Error(`${env.KSV_HOOK} exited ${result.code}: ${result.stderr}`);
  }
  return result;
}

/** Runs verify for a role and parses the one JSON object it prints. */
export async function verify(env: HookEnv, role: string): Promise<Record<string, unknown>> {
  const result = await hookOk({ ...env, KSV_HOOK: "verify", KSV_ROLE: role });
  const lines = result.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

/** Two vCenters with a cluster "blue" each (so the estate must say which), and "green". */
export const HOOK_INVENTORY: InventoryFile = {
  computeManagers: [
    {
      name: "vc1",
      server: "vc1.example.test",
      clusters: [
        {
          name: "blue",
          hosts: ["esx1.example.test", "esx2.example.test"],
          datastores: ["ds-blue"],
          networks: ["pg-svm"],
        },
        {
          name: "green",
          hosts: ["esx4.example.test"],
          datastores: ["ds-green"],
          networks: ["pg-svm"],
        },
      ],
    },
    {
      name: "vc2",
      server: "vc2.example.test",
      clusters: [
        {
          name: "blue",
          hosts: ["esx3.example.test"],
          datastores: ["ds-blue"],
          networks: ["pg-svm"],
        },
      ],
    },
  ],
};

/** A simulator with the partner service, two specs, a vendor template and the hook inventory. */
export function startSimulator(
  options: Parameters<typeof SimulatorClient.start>[0] = {},
): Promise<SimulatorClient> {
  return SimulatorClient.start({
    partnerVendorTemplates: ["ntp-default"],
    deployMs: 200,
    inventory: HOOK_INVENTORY,
    ...options,
  });
}

/** The service deployments the simulator holds, through its own API. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function deploymentsOf(sim: SimulatorClient): Promise<Record<string, any>[]> {
  const services = (await sim.get("/api/v1/serviceinsertion/services")).body.results;
  return (await sim.get(`/api/v1/serviceinsertion/services/${services[0].id}/service-deployments`))
    .body.results;
}
