package packer.cli.bench;

import picocli.CommandLine.Command;

/**
 * {@code packer bench}: the project's own benchmarks (a workspace generator and the measurements
 * that docs/benchmarks.md reports). Hidden from help: it is for packer's developers, not its users.
 */
@Command(
    name = "bench",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Generate synthetic workspaces and measure packer against its budgets.",
    subcommands = {GenerateCommand.class, RunCommand.class, ProfileCommand.class, HeapCommand.class, LaneCommand.class, ReaderCommand.class,
        WatchBenchCommand.class})
public final class BenchCommand {}
