package packer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A problem planted in a workspace by hand, with the diagnostic {@code packer check} must print
 * for it: {@code FILE:LINE:COLUMN: error[CODE]: ...} with a message containing {@code parts}.
 *
 * <p>Each static factory plants one kind of problem with names and ids of its own, so any number of
 * them can share one workspace.
 */
record Planted(String file, int line, int column, String code, String... parts) {

  static Planted malformedJson(TestWorkspace workspace) {
    workspace.asset("assets/malformed").json("""
        {
          "name": "malformed",
          "type": "blob"
          "inputs": []
        }
        """).create();
    return new Planted("assets/malformed/asset.json", 4, 3, "json-syntax", "comma");
  }

  static Planted unknownKey(TestWorkspace workspace) {
    workspace.asset("assets/typo").json("""
        {
          "name": "typo",
          "type": "blob",
          "inptus": ["typo.bin"]
        }
        """).create();
    return new Planted("assets/typo/asset.json", 4, 3, "unknown-key", "'inptus'");
  }

  static Planted assetIdKey(TestWorkspace workspace) {
    workspace.asset("assets/with-asset-id").json("""
        {
          "type": "blob",
          "asset_id": "5500000000000001"
        }
        """).create();
    return new Planted("assets/with-asset-id/asset.json", 3, 3, "registry-key", "'asset_id'",
        "identity lives in the registry");
  }

  static Planted idKey(TestWorkspace workspace) {
    workspace.asset("assets/with-id").json("""
        {
          "id": "5500000000000001",
          "type": "blob"
        }
        """).create();
    return new Planted("assets/with-id/asset.json", 2, 3, "registry-key", "'id'", "identity lives in the registry");
  }

  static Planted unknownType(TestWorkspace workspace) {
    workspace.asset("assets/sprite").json("""
        {
          "type": "sprite"
        }
        """).create();
    return new Planted("assets/sprite/asset.json", 2, 11, "unknown-type", "'sprite'", "blob, image, json, text");
  }

  static Planted missingInput(TestWorkspace workspace) {
    workspace.asset("assets/lacking").json("""
        {
          "type": "blob",
          "inputs": ["here.bin", "gone.bin"]
        }
        """).file("here.bin", "here").create();
    return new Planted("assets/lacking/asset.json", 3, 26, "missing-input", "'gone.bin'");
  }

  static Planted dotDotInput(TestWorkspace workspace) {
    workspace.asset("assets/dotdot").json("""
        {
          "type": "blob",
          "inputs": ["../secret.bin"]
        }
        """).create();
    workspace.write("assets/secret.bin", "secret");
    return new Planted("assets/dotdot/asset.json", 3, 14, "escaping-input", "'../secret.bin'", "inside the asset folder");
  }

  static Planted absoluteInput(TestWorkspace workspace) {
    String absolute = workspace.outside().resolve("inputs/abs.bin").toAbsolutePath().toString();
    workspace.inputFile("abs.bin", "absolute");
    workspace.asset("assets/absolute").json("{\n  \"type\": \"blob\",\n  \"inputs\": [\"" + absolute + "\"]\n}\n").create();
    return new Planted("assets/absolute/asset.json", 3, 14, "escaping-input", "'" + absolute + "'", "absolute");
  }

  static Planted linkOutOfTheFolder(TestWorkspace workspace) {
    workspace.asset("assets/linked").json("""
        {
          "type": "blob",
          "inputs": ["shared.bin"]
        }
        """).create();
    workspace.write("shared/shared.bin", "shared by several assets");
    try {
      Files.createSymbolicLink(workspace.path("assets/linked/shared.bin"),
          workspace.path("assets/linked").relativize(workspace.path("shared/shared.bin")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Planted("assets/linked/asset.json", 3, 14, "escaping-input", "'shared.bin'", "link");
  }

  static Planted nestedAsset(TestWorkspace workspace) {
    workspace.asset("assets/outer").create();
    workspace.asset("assets/outer/inner").create();
    return new Planted("assets/outer/inner/asset.json", 0, 0, "nested-asset", "assets/outer");
  }

  /** Two folders declare the name "twin": both files are reported, each naming the other. */
  static Planted[] duplicateNames(TestWorkspace workspace) {
    workspace.asset("assets/twin").json("""
        {
          "type": "blob",
          "name": "twin"
        }
        """).create();
    workspace.asset("more/twin-b").json("""
        {
          "name": "twin",
          "type": "blob"
        }
        """).create();
    return new Planted[] {
      new Planted("assets/twin/asset.json", 3, 3, "duplicate-name", "'twin'", "more/twin-b"),
      new Planted("more/twin-b/asset.json", 2, 3, "duplicate-name", "'twin'", "assets/twin"),
    };
  }

  /** Two inputs of one asset differ only by case: both paths are reported. */
  static Planted[] caseCollision(TestWorkspace workspace) {
    workspace.asset("assets/cased").input("Hero.png", "upper").input("hero.png", "lower").create();
    return new Planted[] {
      new Planted("assets/cased/Hero.png", 0, 0, "case-collision", "'assets/cased/hero.png'", "only by case"),
      new Planted("assets/cased/hero.png", 0, 0, "case-collision", "'assets/cased/Hero.png'", "only by case"),
    };
  }

  /**
   * A registry record copied to a shard path that sorts after the true one, claiming the id of an
   * existing asset for another folder.
   */
  static Planted idBoundTwice(TestWorkspace workspace) {
    workspace.asset("assets/claimed").create();
    workspace.bindByHand("5500000000000001", "assets/claimed");
    workspace.asset("assets/claimer").create();
    workspace.writeRecordAt("registry/ff/00000000000001.json", "5500000000000001", "assets/claimer");
    return new Planted("registry/ff/00000000000001.json", 1, 1, "id-bound-twice", "5500000000000001",
        "registry/55/00000000000001.json");
  }

  /** Two records bind one folder, as after a merge where both branches adopted it. */
  static Planted[] folderBoundTwice(TestWorkspace workspace) {
    workspace.asset("assets/shared").create();
    workspace.bindByHand("6600000000000001", "assets/shared");
    workspace.bindByHand("6600000000000002", "assets/shared");
    return new Planted[] {
      new Planted("registry/66/00000000000001.json", 1, 1, "folder-bound-twice", "assets/shared",
          "6600000000000001", "6600000000000002"),
      new Planted("registry/66/00000000000002.json", 1, 1, "folder-bound-twice", "assets/shared",
          "6600000000000001", "6600000000000002"),
    };
  }

  /** A record left with git's conflict markers after a merge. */
  static Planted conflictMarkers(TestWorkspace workspace) {
    workspace.asset("assets/merged-a").create();
    workspace.asset("assets/merged-b").create();
    workspace.write("registry/77/00000000000001.json", """
        <<<<<<< HEAD
        {"folder":"assets/merged-a","id":"7700000000000001"}
        =======
        {"folder":"assets/merged-b","id":"7700000000000001"}
        >>>>>>> other-branch
        """);
    return new Planted("registry/77/00000000000001.json", 1, 1, "bad-registry-record", "does not parse",
        "conflict markers");
  }
}
