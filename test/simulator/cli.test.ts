import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, tempDir } from "../support/workspace";
import { INVENTORY, PASSWORD, USER } from "./simulator-client";

/** The first line the process prints on stdout. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.split("\n")[0]);
    });
    child.on("exit", (code) =>
      reject(new Error(`exited with ${code} before printing a line: ${stderr}`)),
    );
  });
}

describe("ksv-nsxt-simulator", () => {
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  });

  it("prints its base URL first and serves the inventory it is given", async () => {
    const inventory = path.join(tempDir("simulator"), "inventory.json");
    fs.writeFileSync(inventory, JSON.stringify(INVENTORY));
    child = spawn(
      process.execPath,
      [
        "bin/ksv-nsxt-simulator.js",
        "--port",
        "0",
        "--user",
        USER,
        "--password",
        PASSWORD,
        "--inventory",
        inventory,
        "--partner-service",
        "KSV",
        "--partner-ovf",
        "small=https://ksv.example.test/svm.ovf",
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    const url = await firstLine(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = {
      Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`,
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = async (p: string): Promise<any> =>
      (await fetch(`${url}${p}`, { headers: auth })).json();
    const managers = await json("/api/v1/fabric/compute-managers");
    expect(managers.results.map((m: { display_name: string }) => m.display_name)).toEqual([
      "vc1",
      "vc2",
    ]);
    const services = await json("/api/v1/serviceinsertion/services");
    expect(services.results[0].service_deployment_spec.deployment_specs).toEqual([
      expect.objectContaining({ name: "small", ovf_url: "https://ksv.example.test/svm.ovf" }),
    ]);
  });
});
