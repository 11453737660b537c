package dev.taskgateway;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Debian tools some tests need (redis-server, promtool): found on the PATH, else installed by
 * {@code .ci/ensure-tools.sh} (as root with apt-get, as on CI and a fresh machine), else the test
 * fails saying how to install them — never a silent skip.
 */
public final class DebianTools {

    private static final Path ENSURE = Path.of(".ci", "ensure-tools.sh");

    private DebianTools() {
    }

    /** The executable of {@code tool}, installing its package first when it is missing and we may. */
    public static synchronized String require(String tool) {
        return find(tool).or(() -> install(tool)).orElseThrow(() -> new AssertionError(tool + " is not installed and "
                + "could not be installed (see target/ensure-tools.log). Install its Debian package as root: "
                + "`bash .ci/ensure-tools.sh " + tool + "` (what .ci/run does), or put " + tool + " on the PATH."));
    }

    private static Optional<String> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin:/usr/local/bin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> install(String tool) {
        if (!Files.isRegularFile(ENSURE)) {
            return Optional.empty();
        }
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("ensure-tools.log");
            List<String> command = new ArrayList<>(List.of("bash", ENSURE.toString(), tool));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? find(tool) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
