import * as fs from "fs";
import * as path from "path";
import {
  startSimulatorProcess,
  type SimulatorProcess as RunningProcess,
} from "../../simulator/nsxt";
import { tempDir } from "./workspace";

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
    private readonly running: RunningProcess,
    private readonly auth: string,
  ) {}

  get url(): string {
    return this.running.url;
  }

  static async start(options: SimulatorProcessOptions): Promise<SimulatorProcess> {
    const inventory = path.join(tempDir("simulator"), "inventory.json");
    fs.writeFileSync(inventory, JSON.stringify(options.inventory));
    const args = [
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
    const running = await startSimulatorProcess(args);
    const auth = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
    return new SimulatorProcess(running, auth);
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
    return this.running.close();
  }
}
