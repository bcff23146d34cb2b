package packer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Print the JSON Schema of asset.json or packer.json, for editors to validate and complete them.",
    "  packer schema asset > .vscode/asset.schema.json"})
final class SchemaCommand implements Callable<Integer> {

  enum Kind { asset, config }

  @Parameters(index = "0", paramLabel = "KIND", description = "asset (asset.json) or config (packer.json).")
  Kind kind;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String resource = kind == Kind.asset ? "/packer/schemas/asset.schema.json" : "/packer/schemas/packer.schema.json";
    try (InputStream in = SchemaCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the schema " + resource + " is missing from this build of packer");
      }
      spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }
}
