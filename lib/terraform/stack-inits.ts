import { initStackAsync, stackBackend, type InitOptions } from "./stack-workflow";

/**
 * The `terraform init`s of one run that plans several stacks at once.
 *
 * Terraform's pg backend creates its objects at init with `CREATE … IF NOT EXISTS`, which
 * PostgreSQL does not make safe between sessions: stacks initialised together on a database
 * where the sequence they all share (`public.global_states_id_seq`) does not exist yet can fail
 * with "duplicate key value violates unique constraint pg_class_relname_nsp_index" (measured
 * here: 2 of 45 stacks, three at a time, each on a new database). So the first pg stack of a run
 * is initialised alone; once it is, what the stacks share exists, and the others start together.
 * Their own schemas are apart, and other backends are not held back.
 */
export class StackInits {
  private firstPg: Promise<void> | undefined;

  async init(dir: string, options: InitOptions): Promise<void> {
    if (stackBackend(dir) !== "pg") return initStackAsync(dir, options);
    if (!this.firstPg) {
      this.firstPg = initStackAsync(dir, options);
      return this.firstPg;
    }
    // The first stack's own failure is its to report; the others try on their own.
    await this.firstPg.catch(() => undefined);
    return initStackAsync(dir, options);
  }
}
