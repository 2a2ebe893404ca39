package io.leakproof.cli.internal;

import io.leakproof.cli.internal.pool.PoolChoice;
import io.leakproof.cli.internal.pool.PoolKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns {@code --pools a,b,c} into pools to run, with notes about the ones this build lacks. */
final class PoolNames {
  private PoolNames() {}

  /**
   * The pools to run.
   *
   * @param choices the pools
   * @param notes what was skipped and why
   */
  record Resolved(List<PoolChoice> choices, List<String> notes) {}

  /**
   * Resolves names.
   *
   * @param spec the command, for usage errors
   * @param names the names given
   * @return the pools to run
   * @throws ParameterException for an unknown name, a repeated name, or no pool left to run
   */
  static Resolved resolve(CommandSpec spec, List<String> names) {
    Set<PoolKind> kinds = new LinkedHashSet<>();
    for (String name : names) {
      if (name.isBlank()) {
        continue;
      }
      PoolKind kind;
      try {
        kind = PoolKind.named(name);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--pools: " + e.getMessage());
      }
      if (!kinds.add(kind)) {
        throw new ParameterException(
            spec.commandLine(), "--pools: " + kind.cliName() + " is listed twice");
      }
    }
    List<PoolChoice> choices = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (PoolKind kind : kinds) {
      if (kind.available()) {
        choices.add(kind.choice());
      } else {
        notes.add(
            "Skipping "
                + kind.cliName()
                + ": not in this build yet (leakproof-jdbc is not bundled into the CLI).");
      }
    }
    if (choices.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--pools: none of "
              + String.join(",", names)
              + " is available in this build; available: "
              + String.join(", ", PoolKind.availableNames()));
    }
    return new Resolved(choices, notes);
  }
}
