/**
 * What a document is linted with, found as the CLI finds it for a file at the document's path: the
 * configuration file that applies to its folder (src/config/load.ts) and the facts of the repository
 * around it (src/repository.ts). Both are cached, configurations per folder and facts per repository
 * root, and dropped when the files they come from change.
 */
import path from "node:path";
import { loadConfig } from "../config/load.js";
import { ConfigError, type ResolvedConfig } from "../config/schema.js";
import type { RepositoryInfo } from "../engine/rule.js";
import { repositoryInfo } from "../repository.js";

export type ConfigOutcome = { config: ResolvedConfig } | { error: string };

export class LintContexts {
  private readonly configs = new Map<string, Promise<ConfigOutcome>>();
  private readonly repositories = new Map<string, RepositoryInfo>();

  /** `onWarning`: told about files near a configuration that look like misnamed ones. */
  constructor(private readonly onWarning: (message: string) => void = () => undefined) {}

  /** The configuration for a file in `dir`, or the message of the configuration error that stops it. */
  configFor(dir: string): Promise<ConfigOutcome> {
    const key = path.resolve(dir);
    let outcome = this.configs.get(key);
    if (!outcome) {
      outcome = loadConfig(key, { onWarning: this.onWarning }).then(
        (config): ConfigOutcome => ({ config }),
        (error: unknown): ConfigOutcome => {
          if (error instanceof ConfigError) return { error: error.message };
          return { error: `cannot load the configuration (${error instanceof Error ? error.message : String(error)})` };
        },
      );
      this.configs.set(key, outcome);
    }
    return outcome;
  }

  /** The repository facts for a file, as the CLI reads them (cached per repository root). */
  repositoryFor(file: string): RepositoryInfo {
    return repositoryInfo(file, this.repositories);
  }

  /** Forget every configuration: a configuration file (or one it extends) changed. */
  dropConfigs(): void {
    this.configs.clear();
  }

  /** Forget the facts of the repositories that hold `file`, or of every repository. */
  dropRepositories(file?: string): void {
    if (file === undefined) {
      this.repositories.clear();
      return;
    }
    for (const root of [...this.repositories.keys()]) {
      const rel = path.relative(root, file);
      if (!rel.startsWith("..") && !path.isAbsolute(rel)) this.repositories.delete(root);
    }
  }
}
