package io.runvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareDataDirectoryTest {

    @TempDir
    Path data;

    @Test
    void makesTheKeystorePasswordOnceReadableByItsOwnerOnly() throws Exception {
        PrepareDataDirectory.main(new String[] {data.toString()});
        Path file = data.resolve("tls").resolve(KeystorePassword.FILE);
        String password = Files.readString(file).trim();
        assertTrue(password.length() >= 32, "a random password of 24 bytes, base64");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        PrepareDataDirectory.main(new String[] {data.toString()});
        assertEquals(password, Files.readString(file).trim(), "a second start keeps the installation's password");
    }

    @Test
    void eachDataDirectoryGetsItsOwnPassword() throws Exception {
        Path other = data.resolve("other");
        PrepareDataDirectory.main(new String[] {data.toString()});
        PrepareDataDirectory.main(new String[] {other.toString()});
        assertFalse(Files.readString(data.resolve("tls/" + KeystorePassword.FILE))
                .equals(Files.readString(other.resolve("tls/" + KeystorePassword.FILE))));
    }
}
