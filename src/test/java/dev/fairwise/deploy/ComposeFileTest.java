package dev.fairwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/compose/compose.yaml} is a valid Compose file, checked by {@code docker-compose config -q}
 * (Debian's docker-compose, which needs no Docker daemon for this). Under {@code CI=true} a missing binary fails;
 * elsewhere the test is skipped and says how to install it.
 */
class ComposeFileTest {
    static final Path COMPOSE = Path.of("deploy", "compose", "compose.yaml");

    @Test
    void theComposeFileIsValid() throws Exception {
        Result result = config(COMPOSE, "test-only-secret");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theComposeFileRefusesToStartWithoutAPseudonymSecret() throws Exception {
        Result result = config(COMPOSE, null);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("FAIRWISE_PSEUDONYM_SECRET");
    }

    @Test
    void anInvalidComposeFileIsReported(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("compose.yaml");
        Files.writeString(
                broken, "services:\n  fairwise:\n    image: fairwise/fairwise:1\n    portz: [\"8080:8080\"]\n");

        Result result = config(broken, "test-only-secret");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("portz");
    }

    private record Result(int exitCode, String output) {}

    private static Result config(Path file, String pseudonymSecret) throws IOException, InterruptedException {
        Optional<Path> binary = KustomizeCrossCheckTest.onPath("docker-compose");
        if (binary.isEmpty()) {
            String how = "docker-compose is not on the PATH; install it with: apt-get install -y docker-compose";
            if ("true".equals(System.getenv("CI"))) {
                fail(how + " (CI=true: the Compose file must be validated)");
            }
            assumeTrue(false, how);
        }
        ProcessBuilder builder = new ProcessBuilder(
                        List.of(binary.get().toString(), "-f", file.toString(), "config", "-q"))
                .redirectErrorStream(true);
        builder.environment().remove("FAIRWISE_PSEUDONYM_SECRET");
        if (pseudonymSecret != null) {
            builder.environment().put("FAIRWISE_PSEUDONYM_SECRET", pseudonymSecret);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("docker-compose config did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
