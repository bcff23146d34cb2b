package packer.scan;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.diagnostic.Severity;

/** Encodings shared by the readers that keep their results in the {@link ScanCache}. */
public final class Payloads {

  private static final Code[] CODES = Code.values();
  private static final Severity[] SEVERITIES = Severity.values();

  private Payloads() {}

  public static void writeDiagnostics(DataOutputStream out, List<Diagnostic> diagnostics) throws IOException {
    out.writeInt(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      out.writeByte(d.severity().ordinal());
      out.writeByte(d.code().ordinal());
      ScanCache.writeString(out, d.file());
      out.writeInt(d.line());
      out.writeInt(d.column());
      ScanCache.writeString(out, d.message());
    }
  }

  public static List<Diagnostic> readDiagnostics(PayloadReader in) throws IOException {
    int count = in.readInt();
    if (count == 0) {
      return List.of();
    }
    List<Diagnostic> diagnostics = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Severity severity = SEVERITIES[in.readByte()];
      Code code = CODES[in.readByte()];
      diagnostics.add(new Diagnostic(severity, code, in.readString(), in.readInt(), in.readInt(),
          in.readString()));
    }
    return diagnostics;
  }

  public static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      ScanCache.writeString(out, value);
    }
  }

  public static List<String> readStrings(PayloadReader in) throws IOException {
    int count = in.readInt();
    List<String> values = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      values.add(in.readString());
    }
    return values;
  }
}
