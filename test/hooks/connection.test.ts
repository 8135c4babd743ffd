import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import type { AddressInfo } from "net";
import * as path from "path";
import { tempDir } from "../support/workspace";
import { PASSWORD, type SimulatorClient } from "../simulator/simulator-client";
import { baseEnv, hookOk, runHook, startSimulator, verify } from "./hook-process";

/*
 * The connection: credentials never printed, NSX's 403 for a wrong password, 503s retried,
 * plain http only to loopback, TLS verified (with NSX_CA_FILE for a private CA), and the
 * contract's own refusals (no hook, NSX-V) in one line each.
 */

const WRONG = "Wr0ng-Passw0rd-Never-Printed";

function oneLine(text: string): void {
  expect(text.trim().split("\n")).toHaveLength(1);
}

describe("ksv-nsxt-hook: connection and contract", () => {
  let sim: SimulatorClient;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it("a wrong password: one line naming the variables, exit 1, no password anywhere", async () => {
    const result = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "verify",
      KSV_ROLE: "service-segment",
      NSX_PASSWORD: WRONG,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/answered 403 .*credentials.*NSX_USERNAME and NSX_PASSWORD/);
    for (const secret of [WRONG, PASSWORD, Buffer.from(`admin:${WRONG}`).toString("base64")]) {
      expect(result.stderr).not.toContain(secret);
    }
  });

  it("a wrong vCenter password fails deploySvms in one line without it", async () => {
    const result = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "deploySvms",
      KSV_CLUSTER: "green",
      KSV_DATASTORE: "ds-green",
      KSV_NETWORK: "pg-svm",
      KSV_SVM_IMAGE_URL: "https://ksv.example.test/svm-6.2.ovf",
      VCENTER_PASSWORD: WRONG,
    });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(
      /vCenter .* answered 401 to POST \/api\/session.*VCENTER_USERNAME/,
    );
    expect(result.stderr).not.toContain(WRONG);
  });

  it("503s at first are retried with back-off, then the hook succeeds", async () => {
    const flaky = await startSimulator({ unavailableFirst: 3 });
    try {
      const result = await hookOk({
        ...baseEnv(flaky),
        KSV_HOOK: "verify",
        KSV_ROLE: "service-segment",
      });
      expect(result.stdout.trim()).toBe('{"present":false}');
      expect(result.stderr.match(/503 on GET .* retrying in \d+ ms/g)).toHaveLength(3);
    } finally {
      await flaky.close();
    }
  });

  it("refuses plain http to a host that is not loopback, and credentials inside the URL", async () => {
    const remote = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "verify",
      KSV_ROLE: "service-segment",
      NSX_MANAGER_URL: "http://nsx.example.test",
    });
    expect(remote.code).toBe(1);
    oneLine(remote.stderr);
    expect(remote.stderr).toMatch(
      /NSX_MANAGER_URL \(http:\/\/nsx.example.test\) is plain http .* use https:\/\//,
    );
    const inline = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "verify",
      KSV_ROLE: "service-segment",
      NSX_MANAGER_URL: `https://admin:${WRONG}@nsx.example.test`,
    });
    expect(inline.code).toBe(1);
    expect(inline.stderr).toMatch(/must not carry credentials/);
    expect(inline.stderr).not.toContain(WRONG);
  });

  it("answers one line for what it cannot do: no KSV_HOOK, an NSX-V manager, an unknown role", async () => {
    const none = await runHook({ ...baseEnv(sim) });
    expect(none.code).toBe(1);
    oneLine(none.stderr);
    expect(none.stderr).toMatch(/KSV_HOOK is not set/);
    const nsxv = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "deploySvms",
      KSV_MANAGER_KIND: "nsx-v",
    });
    expect(nsxv.code).toBe(1);
    oneLine(nsxv.stderr);
    expect(nsxv.stderr).toMatch(/NSX-V reference hooks are not there yet/);
    const unregister = await runHook({
      KSV_HOOK: "unregister",
      KSV_MANAGER: "dc2-nsxt",
      KSV_MANAGER_KIND: "nsx-t",
      KSV_MANAGER_ADDRESS: "nsxt.dc2.example.test",
    });
    expect(unregister.code).toBe(0);
    expect(unregister.stderr).toMatch(/Integration Server Console/);
    const unknownRole = await runHook({
      ...baseEnv(sim),
      KSV_HOOK: "verify",
      KSV_ROLE: "everything",
    });
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.stderr).toMatch(/KSV_ROLE "everything" is not a role/);
  });
});

describe("ksv-nsxt-hook: TLS", () => {
  let sim: SimulatorClient;
  let proxy: https.Server | undefined;
  let dir: string;
  let openssl = true;
  beforeAll(async () => {
    sim = await startSimulator();
    dir = tempDir("hook-tls");
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-keyout",
          path.join(dir, "key.pem"),
          "-out",
          path.join(dir, "cert.pem"),
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
        ],
        { stdio: "ignore" },
      );
    } catch {
      openssl = false;
      return;
    }
    // An https front of the simulator, with a self-signed certificate: a Manager with a private CA.
    const target = new URL(sim.url);
    proxy = https.createServer(
      {
        key: fs.readFileSync(path.join(dir, "key.pem")),
        cert: fs.readFileSync(path.join(dir, "cert.pem")),
      },
      (request, response) => {
        const forward = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: request.url,
            method: request.method,
            headers: request.headers,
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        request.pipe(forward);
      },
    );
    await new Promise<void>((resolve) => proxy!.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    if (proxy) await new Promise((resolve) => proxy!.close(resolve));
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("verifies the certificate: refused without NSX_CA_FILE, trusted with it", async () => {
    if (!openssl) {
      console.warn("openssl is not installed: the TLS test needs it to make a certificate");
      return;
    }
    const url = `https://127.0.0.1:${(proxy!.address() as AddressInfo).port}`;
    const env = { ...baseEnv(sim), NSX_MANAGER_URL: url };
    const untrusted = await runHook({ ...env, KSV_HOOK: "verify", KSV_ROLE: "protection-service" });
    expect(untrusted.code).toBe(1);
    oneLine(untrusted.stderr);
    expect(untrusted.stderr).toMatch(/TLS verification failed .*set NSX_CA_FILE/);
    expect(
      await verify({ ...env, NSX_CA_FILE: path.join(dir, "cert.pem") }, "protection-service"),
    ).toEqual({ registered: true, trafficMode: "standard" });
    const missing = await runHook({
      ...env,
      KSV_HOOK: "verify",
      KSV_ROLE: "protection-service",
      NSX_CA_FILE: path.join(dir, "none.pem"),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NSX_CA_FILE .* cannot be read: ENOENT/);
  });
});
