package packer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import packer.diagnostic.Diagnostic;
import packer.scan.ResolvedInput;
import packer.snapshot.Asset;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Show one asset: its declaration, inputs with sizes, and diagnostics.")
final class ShowCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "REF", description = "An id, a unique id prefix (4+ digits), a name or a folder.")
  String ref;

  @Override
  public Integer call() throws Exception {
    Asset asset;
    try (Workspace workspace = root.openForReading()) {
      asset = AssetRefs.resolve(workspace.snapshot(), ref, root.base(), workspace.root());
    }
    if (json) {
      JsonOutput.print(terminal(), JsonOutput.assetDetails(asset));
      return ExitCode.OK;
    }
    PrintWriter out = terminal().out();
    out.println(terminal().bold(asset.name().orElse(asset.folder())));
    out.println("  id      " + asset.id().map(Object::toString).orElse("- (unregistered: packer adopt " + asset.folder() + ")"));
    out.println("  state   " + asset.state().label());
    out.println("  folder  " + asset.folder());
    asset.declaration().ifPresent(d -> {
      out.println("  type    " + d.type());
      if (!d.tags().isEmpty()) {
        out.println("  tags    " + String.join(", ", d.tags()));
      }
      if (!d.params().equals("{}")) {
        out.println("  params  " + d.params());
      }
    });
    if (!asset.inputs().isEmpty()) {
      out.println("  inputs");
      for (ResolvedInput input : asset.inputs()) {
        out.println(String.format(Locale.ROOT, "    %12d  %s", input.size(), input.path()));
      }
    }
    for (Diagnostic diagnostic : asset.diagnostics()) {
      out.println(Diagnostics.render(terminal(), diagnostic));
    }
    out.flush();
    return ExitCode.OK;
  }
}
