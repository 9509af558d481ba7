package dev.fairwise.local;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * The local run's signing key pair, made on first use and kept in the local data directory (never in the
 * repository), and the tokens minted with it.
 */
public final class DevKeys {
    /** The issuer the local service is configured to accept. */
    public static final String ISSUER = "https://fairwise.local/issuer";
    /** The audience and role names the service accepts by default. */
    public static final String AUDIENCE = "fairwise";

    public static final String ADMIN = "fairwise-admin";
    public static final String RATER = "fairwise-rater";

    private final Path publicKeyFile;
    private final PrivateKey privateKey;

    private DevKeys(Path publicKeyFile, PrivateKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
    }

    /** Loads the key pair from {@code dir}, creating it the first time. */
    public static DevKeys in(Path dir) throws IOException, GeneralSecurityException {
        Path publicPem = dir.resolve("public.pem");
        Path privatePem = dir.resolve("private.pem");
        if (!Files.exists(publicPem) || !Files.exists(privatePem)) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privatePem))));
        PublicKey check = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicPem))));
        if (check == null) {
            throw new GeneralSecurityException("unreadable public key " + publicPem);
        }
        return new DevKeys(publicPem, privateKey);
    }

    /** A random secret kept in {@code file}, made on first use. */
    public static String secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            Files.writeString(file, java.util.HexFormat.of().formatHex(bytes));
        }
        return Files.readString(file).strip();
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for {@code subject} with {@code groups}, valid for {@code lifetime}. */
    public String token(String subject, Duration lifetime, String... groups) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(groups))
                .expiresIn(lifetime)
                .sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
