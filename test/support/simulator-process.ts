import * as http from "http";
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

  /**
   * A request as an NSX client makes it; the parsed JSON body (or null). One connection per
   * request: a kept-alive socket the server closes after its idle time-out (5 s, longer than a
   * terraform run between two requests) would fail the next request with "other side closed".
   */
  request(
    method: string,
    apiPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const sent = http.request(
        `${this.url}${apiPath}`,
        {
          method,
          agent: false,
          headers: {
            Authorization: this.auth,
            "Content-Type": "application/json",
            ...(payload === undefined ? {} : { "Content-Length": Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          });
        },
      );
      sent.on("error", reject);
      sent.end(payload);
    });
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
