import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/** Where the PostgreSQL server binaries are: Debian's versioned folder, or the PATH. */
function serverBinaries(): string {
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(debian, versions[0], "bin");
  }
  const onPath = (process.env.PATH ?? "")
    .split(":")
    .find((dir) => fs.existsSync(path.join(dir, "initdb")));
  if (onPath) return onPath;
  throw new Error(
    "PostgreSQL server binaries (initdb, pg_ctl) are missing: install Debian's postgresql (.ci/run does)",
  );
}

/** A loopback port nothing listens on (at the moment of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL server in a temp folder, on loopback, trust authentication.
 * initdb refuses to run as root, so as root the server runs as the `postgres` user.
 */
export class PostgresServer {
  private constructor(
    private readonly dir: string,
    private readonly bin: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PostgresServer> {
    const bin = serverBinaries();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-pg-"));
    const port = await freePort();
    const server = new PostgresServer(dir, bin, port);
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
    server.run("initdb", [
      "-D",
      server.dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
    server.run("pg_ctl", [
      "-D",
      server.dataDir,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off`,
      "-w",
      "start",
    ]);
    server.sql("postgres", "CREATE DATABASE terraform");
    return server;
  }

  private get dataDir(): string {
    return path.join(this.dir, "data");
  }

  private run(program: string, args: string[]): string {
    const binary = path.join(this.bin, program);
    const asRoot = process.getuid?.() === 0;
    return execFileSync(
      asRoot ? "runuser" : binary,
      asRoot ? ["-u", "postgres", "--", binary, ...args] : args,
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  }

  /** What Terraform's pg backend gets in PG_CONN_STR. */
  get connectionString(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/terraform?sslmode=disable`;
  }

  /** The connection string of another database of this server. */
  connectionStringOf(database: string): string {
    return this.connectionString.replace("/terraform?", `/${database}?`);
  }

  /**
   * A psql session kept open, to hold a transaction while other sessions run: statements are
   * sent one at a time, and `send` resolves with what psql printed for it.
   */
  openSession(database: string): PsqlSession {
    const binary = path.join(this.bin, "psql");
    const args = ["-h", "127.0.0.1", "-p", String(this.port), "-U", "postgres", "-d", database];
    const asRoot = process.getuid?.() === 0;
    const child = spawn(
      asRoot ? "runuser" : binary,
      asRoot ? ["-u", "postgres", "--", binary, "-Aqt", ...args] : ["-Aqt", ...args],
    );
    return new PsqlSession(child);
  }

  /** Runs SQL through psql; returns its unaligned, tuples-only output. */
  sql(database: string, statement: string): string {
    return this.run("psql", [
      "-h",
      "127.0.0.1",
      "-p",
      String(this.port),
      "-U",
      "postgres",
      "-d",
      database,
      "-Atc",
      statement,
    ]).trim();
  }

  stop(): void {
    try {
      this.run("pg_ctl", ["-D", this.dataDir, "-m", "immediate", "stop"]);
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

export class PsqlSession {
  private output = "";
  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on("data", (chunk) => (this.output += chunk));
    child.stderr.on("data", (chunk) => (this.output += chunk));
  }

  /** Sends one statement and waits until psql has answered it (a marker printed after it). */
  async send(statement: string): Promise<string> {
    const marker = `done-${Math.random().toString(36).slice(2)}`;
    const start = this.output.length;
    this.child.stdin.write(`${statement}\n\\echo ${marker}\n`);
    while (!this.output.includes(marker, start)) await new Promise((r) => setTimeout(r, 20));
    return this.output.slice(start, this.output.indexOf(marker, start)).trim();
  }

  close(): Promise<void> {
    this.child.stdin.end("\\q\n");
    return new Promise((resolve) => this.child.once("close", () => resolve()));
  }
}
