package io.runvault.launcher;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code -----BEGIN X-----} blocks of a PEM file, in file order; text around them is ignored. */
final class PemBlocks {

    /** One block: its label ("CERTIFICATE", "PRIVATE KEY", ...) and its decoded bytes. */
    record Block(String label, byte[] der) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemBlocks() {
    }

    static List<Block> parse(String text, String fileName) throws CertificateFileException {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2).replaceAll("\\s", "");
            if (body.contains(":")) {
                // "Proc-Type: 4,ENCRYPTED" headers: the legacy OpenSSL encryption of a key.
                throw new CertificateFileException(fileName + ": the " + matcher.group(1)
                        + " is encrypted; give an unencrypted key (openssl pkey -in KEY -out PLAIN)");
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new CertificateFileException(fileName + ": the " + matcher.group(1) + " block is not valid base64");
            }
        }
        return blocks;
    }
}
