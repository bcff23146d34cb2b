package packer.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the build reads an input file's bytes: the one place it does, so tests can watch it. */
@FunctionalInterface
public interface InputReader {

  InputReader FILES = Files::readAllBytes;

  byte[] read(Path file) throws IOException;
}
