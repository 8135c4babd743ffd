/*
 * A workflow's actions/github-script step run in this process: its script as the action runs it
 * (an async function of github, context, core, require), against an in-memory GitHub that keeps
 * issues, comments, workflow runs and artifacts, and records every call the script makes.
 */

export interface User {
  readonly login: string;
  readonly type: "Bot" | "User";
}

export const ACTIONS_BOT: User = { login: "github-actions[bot]", type: "Bot" };

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string;
  user: User;
  pull_request?: object;
}

export interface Comment {
  id: number;
  issue_number: number;
  body: string;
  user: User;
}

export interface WorkflowRun {
  id: number;
  workflow_id: number;
  event: string;
  status: string;
  repository: { id: number };
  head_repository: { id: number };
}

export interface Artifact {
  name: string;
  expired: boolean;
  created_at: string;
  workflow_run: { id: number };
}

export interface Call {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

type Params = Record<string, unknown>;

/** The REST calls the workflows' scripts make, on in-memory data. Writes are by ACTIONS_BOT. */
export class FakeGitHub {
  issues: Issue[] = [];
  comments: Comment[] = [];
  runs: WorkflowRun[] = [];
  artifacts: Artifact[] = [];
  readonly calls: Call[] = [];
  private nextId = 1000;

  /** Calls that change something (not list or get). */
  writes(): Call[] {
    return this.calls.filter((c) => !/\.(list|get)/.test(c.method));
  }

  issue(number: number): Issue {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  commentsOf(number: number): Comment[] {
    return this.comments.filter((c) => c.issue_number === number);
  }

  addIssue(issue: Omit<Issue, "number" | "state"> & Partial<Issue>): Issue {
    const added: Issue = { number: this.nextId++, state: "open", ...issue };
    this.issues.push(added);
    return added;
  }

  addComment(issue_number: number, body: string, user: User = ACTIONS_BOT): Comment {
    const added = { id: this.nextId++, issue_number, body, user };
    this.comments.push(added);
    return added;
  }

  private record<T>(method: string, handler: (params: Params) => T) {
    return async (params: Params) => {
      this.calls.push({ method, params });
      // Copies, as the API's answers are: the script never holds the fake's own objects.
      return { data: structuredClone(handler(params)) };
    };
  }

  private comment(id: unknown): Comment {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw new Error(`no comment ${String(id)}`);
    return comment;
  }

  readonly rest = {
    issues: {
      listForRepo: this.record("issues.listForRepo", (p) =>
        this.issues.filter((i) => p.state === "all" || i.state === (p.state ?? "open")),
      ),
      listComments: this.record("issues.listComments", (p) =>
        this.commentsOf(Number(p.issue_number)),
      ),
      create: this.record("issues.create", (p) =>
        this.addIssue({ title: String(p.title), body: String(p.body), user: ACTIONS_BOT }),
      ),
      update: this.record("issues.update", (p) => {
        const issue = this.issue(Number(p.issue_number));
        for (const key of ["title", "body", "state", "state_reason"] as const) {
          if (p[key] !== undefined) Object.assign(issue, { [key]: p[key] });
        }
        return issue;
      }),
      createComment: this.record("issues.createComment", (p) =>
        this.addComment(Number(p.issue_number), String(p.body)),
      ),
      updateComment: this.record("issues.updateComment", (p) => {
        const comment = this.comment(p.comment_id);
        comment.body = String(p.body);
        return comment;
      }),
      deleteComment: this.record("issues.deleteComment", (p) => {
        const comment = this.comment(p.comment_id);
        this.comments = this.comments.filter((c) => c !== comment);
        return {};
      }),
    },
    actions: {
      getWorkflowRun: this.record("actions.getWorkflowRun", (p) => {
        const run = this.runs.find((r) => r.id === p.run_id);
        if (!run) throw new Error(`no run ${String(p.run_id)}`);
        return run;
      }),
      listWorkflowRuns: this.record("actions.listWorkflowRuns", (p) => ({
        workflow_runs: this.runs.filter(
          (r) => r.workflow_id === p.workflow_id && (!p.status || r.status === p.status),
        ),
      })),
      listArtifactsForRepo: this.record("actions.listArtifactsForRepo", (p) => ({
        artifacts: this.artifacts.filter((a) => !p.name || a.name === p.name),
      })),
    },
  };

  /** octokit's paginate: every page's items (the fake answers in one page). */
  readonly paginate = async (
    method: (params: Params) => Promise<{ data: unknown }>,
    params: Params,
  ) => (await method(params)).data;
}

export interface FakeCore {
  readonly outputs: Record<string, string>;
  readonly messages: string[];
  readonly failed: string[];
  setOutput(name: string, value: string): void;
  info(message: string): void;
  warning(message: string): void;
  setFailed(message: string): void;
}

export function fakeCore(): FakeCore {
  const core: FakeCore = {
    outputs: {},
    messages: [],
    failed: [],
    setOutput: (name, value) => void (core.outputs[name] = value),
    info: (message) => void core.messages.push(message),
    warning: (message) => void core.messages.push(`warning: ${message}`),
    setFailed: (message) => void core.failed.push(message),
  };
  return core;
}

export const REPOSITORY = { owner: "site", repo: "estate" };

/** Runs a github-script `script:` with these objects, its step's `env:` as process.env. */
export async function runGithubScript(
  script: string,
  options: {
    readonly github: FakeGitHub;
    readonly core?: FakeCore;
    readonly env: Record<string, string>;
    readonly runId?: number;
  },
): Promise<FakeCore> {
  const core = options.core ?? fakeCore();
  const context = {
    repo: REPOSITORY,
    runId: options.runId ?? 1,
    serverUrl: "https://github.example.com",
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<unknown>;
  const run = new AsyncFunction("github", "context", "core", "require", "process", script);
  await run(options.github, context, core, require, { ...process, env: options.env });
  return core;
}
