package packer.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the build opens an input file to read it: the one place it does, so tests can watch it. */
@FunctionalInterface
public interface InputReader {

  InputReader FILES = Files::newInputStream;

  InputStream open(Path file) throws IOException;
}
