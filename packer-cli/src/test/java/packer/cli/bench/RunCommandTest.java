package packer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = new CommandLine(new RunCommand());
    command.setErr(new PrintWriter(err, true));
    command.setOut(new PrintWriter(new StringWriter(), true));
    return command.execute(args);
  }

  @Test
  void helpDescribesTheOptionsAndRunsNothing() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new RunCommand());
    command.setOut(new PrintWriter(out, true));

    assertThat(command.execute("--help")).isZero();
    assertThat(out.toString()).startsWith("Usage: run").contains("--assets=N").contains("--only=PARTS");
  }

  @Test
  void anUnknownPartIsAUsageErrorThatListsEveryPart() {
    assertThat(run("--only", "build,bogus")).isEqualTo(2);

    assertThat(err.toString())
        .contains("unknown part 'bogus' in --only")
        .contains("status, git, profile, heap, lane, server, build, build-zstd, reader");
  }

  @Test
  void theReaderNeedsAPositiveLookupCount() {
    assertThat(run("--only", "reader", "--reader-lookups", "0")).isEqualTo(2);

    assertThat(err.toString()).contains("--reader-lookups");
  }

  @Test
  void theReproducingCommandNamesTheNewOptionsOnlyWhenTheyDifferFromTheirDefaults() {
    RunCommand plain = new RunCommand();
    new CommandLine(plain).parseArgs("--only", "build,reader", "--runs", "3");
    RunCommand changed = new RunCommand();
    new CommandLine(changed).parseArgs("--only", "build", "--drop-caches", "--reader-lookups", "5000",
        "--total-bytes", "20M");

    assertThat(plain.commandLine()).isEqualTo("./packer bench run --assets 10000 --runs 3 --only build,reader");
    assertThat(changed.commandLine()).isEqualTo(
        "./packer bench run --assets 10000 --runs 5 --total-bytes 20971520 --only build --drop-caches"
            + " --reader-lookups 5000");
  }

  @Test
  void theServerOptionsAreInTheReproducingCommandWhenChanged() {
    RunCommand changed = new RunCommand();
    new CommandLine(changed).parseArgs("--only", "server", "--server-clients", "8", "--server-seconds", "3");

    assertThat(changed.commandLine()).isEqualTo(
        "./packer bench run --assets 10000 --runs 5 --only server --server-clients 8 --server-seconds 3");
    assertThat(run("--only", "server", "--server-clients", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--server-clients");
  }

  @Test
  void withoutWrkTheServerPartReportsWhatToInstallInsteadOfFigures() {
    StringWriter out = new StringWriter();

    ServerFigures.skipped(RunCommand.WRK_MISSING).print(new PrintWriter(out, true), 10_000, "./packer bench run");

    assertThat(out.toString()).contains("### HTTP reads of packer serve (10,000 assets)")
        .contains("Not measured: the HTTP load generator wrk is not on the PATH").contains("apt-get install wrk")
        .doesNotContain("| asset |");
  }

  @Test
  void theServerPartsWrkScriptShipsWithTheBenchAndPrintsTheLineItReads() throws Exception {
    try (var script = HttpBenchmark.class.getResourceAsStream("wrk-reads.lua")) {
      assertThat(script).as("wrk-reads.lua beside HttpBenchmark").isNotNull();
      assertThat(new String(script.readAllBytes(), StandardCharsets.UTF_8))
          .contains("function done(").contains("wrk requests=%d micros=%d p50=%d p99=%d max=%d non2xx=%d errors=%d");
    }
  }

  @Test
  void packerBuildJsonIsReadForTheKeysTheIssuePromises() throws Exception {
    BuildFigures.Built built = BuildBenchmark.parse("{\"pack\":\"build/bench.pack\",\"manifest\":\"m\","
        + "\"sha256\":\"ab\",\"entries\":3,\"cacheHits\":2,\"millis\":40,\"bytes\":{\"in\":10,\"out\":12}}");

    assertThat(built).isEqualTo(new BuildFigures.Built("build/bench.pack", "ab", 3, 10, 12, 2, 40));
  }

  @Test
  void aSummaryWithoutAPromisedKeyIsAnErrorThatShowsIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildBenchmark.parse("{\"pack\":\"p\",\"sha256\":\"ab\"}"))
        .hasMessageContaining("printed no 'entries'");
  }

  @Test
  void compressionIsSetInPackerJsonKeepingTheOtherSettings() throws Exception {
    byte[] config = "{\"name\":\"bench\",\"build\":{\"output\":\"out\",\"compression\":\"none\",\"alignment\":16}}"
        .getBytes(StandardCharsets.UTF_8);

    String zstd = new String(BuildBenchmark.withCompression(config, "zstd"), StandardCharsets.UTF_8);

    assertThat(zstd.replaceAll("\\s", ""))
        .isEqualTo("{\"name\":\"bench\",\"build\":{\"output\":\"out\",\"compression\":\"zstd\",\"alignment\":16}}");
  }
}
