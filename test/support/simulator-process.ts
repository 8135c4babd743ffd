import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { repoRoot, tempDir } from "./workspace";

/*
 * ksv-nsxt-simulator as its own process, as a site's test rig or the demo runs it: the tests that
 * drive terraform block their own event loop while it runs hooks, so the simulator cannot live in
 * the test process. Requests go to it over HTTP, as any NSX client's.
 */

/** NSX's JSON, read by the tests field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface SimulatorProcessOptions {
  readonly user: string;
  readonly password: string;
  readonly partnerService: string;
  readonly partnerOvfs: ReadonlyArray<{ readonly name: string; readonly url: string }>;
  readonly inventory: object;
  readonly vendorTemplates?: readonly string[];
  readonly deployMs?: number;
  readonly unavailableFirst?: number;
}

export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly auth: string,
  ) {}

  static async start(options: SimulatorProcessOptions): Promise<SimulatorProcess> {
    const inventory = path.join(tempDir("simulator"), "inventory.json");
    fs.writeFileSync(inventory, JSON.stringify(options.inventory));
    const args = [
      path.join(repoRoot, "bin", "ksv-nsxt-simulator.js"),
      "--port",
      "0",
      "--user",
      options.user,
      "--password",
      options.password,
      "--partner-service",
      options.partnerService,
      "--inventory",
      inventory,
      ...options.partnerOvfs.flatMap((ovf) => ["--partner-ovf", `${ovf.name}=${ovf.url}`]),
      ...(options.vendorTemplates ?? []).flatMap((name) => ["--partner-vendor-template", name]),
      ...(options.deployMs !== undefined ? ["--deploy-ms", String(options.deployMs)] : []),
      ...(options.unavailableFirst !== undefined
        ? ["--unavailable-first", String(options.unavailableFirst)]
        : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`ksv-nsxt-simulator exited with ${code}`)));
    });
    const auth = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
    return new SimulatorProcess(child, firstLine.trim(), auth);
  }

  /** A request as an NSX client makes it; the parsed JSON body (or null). */
  async request(
    method: string,
    apiPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${this.url}${apiPath}`, {
      method,
      headers: { Authorization: this.auth, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** GET of a list: its `results`. */
  async list(apiPath: string): Promise<Json[]> {
    const { status, body } = await this.request("GET", apiPath);
    if (status !== 200) throw new Error(`GET ${apiPath}: ${status} ${JSON.stringify(body)}`);
    return body.results;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}
