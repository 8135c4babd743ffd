import {
  startNsxtSimulator,
  type InventoryFile,
  type NsxtSimulatorOptions,
  type RunningNsxtSimulator,
} from "../../simulator/nsxt";

export const USER = "admin";
export const PASSWORD = "Sim-Passw0rd!";

/** Two vCenters, each with a cluster named "blue" (as DOMAIN.md says can happen). */
export const INVENTORY: InventoryFile = {
  computeManagers: [
    {
      name: "vc1",
      clusters: [
        {
          name: "blue",
          hosts: ["esx1.example.test", "esx2.example.test"],
          datastores: ["ds-blue"],
          networks: ["pg-svm"],
        },
      ],
    },
    {
      name: "vc2",
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

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

/** A simulator for one test file, and requests to it as an NSX client makes them. */
export class SimulatorClient {
  private constructor(readonly simulator: RunningNsxtSimulator) {}

  static async start(options: Partial<NsxtSimulatorOptions> = {}): Promise<SimulatorClient> {
    const simulator = await startNsxtSimulator({
      user: USER,
      password: PASSWORD,
      partnerService: "Kaspersky Network Protection",
      partnerOvfs: [
        { name: "svm-small", ovfUrl: "https://ksv.example.test/svm-6.2.ovf" },
        { name: "svm-large", ovfUrl: "https://ksv.example.test/svm-6.3.ovf" },
      ],
      inventory: INVENTORY,
      deployMs: 150,
      ...options,
    });
    return new SimulatorClient(simulator);
  }

  get url(): string {
    return this.simulator.url;
  }

  close(): Promise<void> {
    return this.simulator.close();
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { Authorization: BASIC },
  ): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  get = (path: string) => this.request("GET", path);
  patch = (path: string, body: unknown) => this.request("PATCH", path, body);
  put = (path: string, body: unknown) => this.request("PUT", path, body);
  post = (path: string, body?: unknown) => this.request("POST", path, body);
  delete = (path: string) => this.request("DELETE", path);

  /** Polls until `check` passes or `timeoutMs` elapses; returns the last reply. */
  async until(path: string, check: (reply: Reply) => boolean, timeoutMs = 3000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await this.get(path);
      if (check(reply) || Date.now() > deadline) return reply;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The NSX error body shape (ApiError with the httpStatus NSX Managers add). */
export function expectNsxError(reply: Reply, status: number, errorCode?: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual(
    expect.objectContaining({
      httpStatus: expect.any(String),
      error_code: errorCode ?? expect.any(Number),
      module_name: expect.any(String),
      error_message: expect.any(String),
    }),
  );
}
