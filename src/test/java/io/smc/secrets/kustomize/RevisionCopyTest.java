package io.smc.secrets.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionCopyTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    @TempDir
    Path outside;

    @Test
    void copiesTheRevisionKeepingLinksInsideItAndDroppingLinksThatLeaveIt() throws Exception {
        Tree.at(outside).file("secret.yaml", "outside").file("dir/file", "outside");
        Tree.at(root).file("base/secret.yaml", "inside").file(".git/config", "git")
                .link("base/inner-file", Path.of("secret.yaml"))
                .link("overlay-base", Path.of("base"))
                .link("base/out-file", outside.resolve("secret.yaml"))
                .link("out-dir", outside.resolve("dir"))
                .link("broken", root.resolve("missing"));

        try (RevisionCopy copy = RevisionCopy.of(root, work)) {
            Path c = copy.root();
            assertTrue(c.startsWith(work.toRealPath()));
            assertEquals("inside", Files.readString(c.resolve("base/secret.yaml")));
            assertEquals("inside", Files.readString(c.resolve("base/inner-file")));
            assertTrue(Files.isSymbolicLink(c.resolve("overlay-base")));
            assertEquals(c.resolve("base"), c.resolve("overlay-base").toRealPath());
            assertFalse(Files.exists(c.resolve("base/out-file"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(c.resolve("out-dir"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(c.resolve("broken"), LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(c.resolve(".git")));
        }

        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "closing deletes the copy");
        }
        assertEquals("outside", Files.readString(outside.resolve("dir/file")), "deleting never follows a link");
    }
}
