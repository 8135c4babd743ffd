import type { LocalExecProvisioner } from "cdktf";
import { environmentName } from "../contract";
import { type Hooks } from "../estate/schema";
import { type HookName } from "../contract";

/** A site's command for one step of the procedure, and the step it runs at. */
export interface HookCommand {
  readonly hook: HookName;
  readonly command: string;
}

/** The site's command for `hook`, when the estate has one. */
export function hookCommand(hooks: Hooks, hook: HookName): HookCommand | undefined {
  const command = hooks[hook];
  return command ? { hook, command } : undefined;
}

export interface HookProvisionersProps {
  /** Runs after the resource is created. @default - nothing runs */
  readonly onCreate?: HookCommand;
  /** Runs before the resource is destroyed, with the values of the instance being destroyed. @default - nothing runs */
  readonly onDestroy?: HookCommand;
  /** Attribute of `self` that holds the context: `triggers` or `triggers_replace`. */
  readonly contextAttribute: string;
  /** Keys of that attribute passed to the command as KSV_<KEY> environment variables. */
  readonly contextKeys: readonly string[];
  /**
   * More environment for the create-time hook only: Terraform expressions that are not part of
   * the resource's identity (a destroy-time hook can read nothing but `self`).
   * @default - none
   */
  readonly createEnvironment?: Readonly<Record<string, string>>;
}

/**
 * A hook command is free text from the estate, but Terraform reads it as a template: `${...}` and
 * `%{...}` would be evaluated (or rejected) by Terraform instead of reaching the shell.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/**
 * local-exec provisioners for a resource's hooks. Context reaches the command only through its
 * environment, read from `self` so that a destroy-time hook sees the instance being destroyed
 * (the old traffic mode, the removed cluster), never estate values pasted into the command.
 */
export function hookProvisioners(props: HookProvisionersProps): LocalExecProvisioner[] {
  const environment = (hook: HookName): Record<string, string> => {
    const env: Record<string, string> = { KSV_HOOK: hook };
    for (const key of props.contextKeys) {
      env[environmentName(key)] = `\${self.${props.contextAttribute}.${key}}`;
    }
    return env;
  };
  const provisioners: LocalExecProvisioner[] = [];
  if (props.onCreate) {
    provisioners.push({
      type: "local-exec",
      command: escapeTemplate(props.onCreate.command),
      environment: { ...environment(props.onCreate.hook), ...props.createEnvironment },
    });
  }
  if (props.onDestroy) {
    provisioners.push({
      type: "local-exec",
      when: "destroy",
      command: escapeTemplate(props.onDestroy.command),
      environment: environment(props.onDestroy.hook),
    });
  }
  return provisioners;
}
